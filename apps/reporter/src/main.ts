import { runService } from '@app/host';
import { ReporterEnv } from './reporter.config';
import { ReporterModule } from './reporter.module';

void runService({
  name: 'reporter',
  env: ReporterEnv,
  module: (config, { databaseUrl }) => ReporterModule.register(config, databaseUrl),
});
