import { runService } from '@app/host';
import { ReporterEnv } from './reporter.config';
import { ReporterModule } from './reporter.module';
import { runContactKeyRotation } from './rotation/contact-key-rotation.command';

if (process.argv.includes('--rotate-contact-keys')) {
  void runContactKeyRotation();
} else {
  void runService({
    name: 'reporter',
    env: ReporterEnv,
    module: (config, { databaseUrl }) => ReporterModule.register(config, databaseUrl),
  });
}
