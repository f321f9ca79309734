import { runServiceMain } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { ReporterEnv } from './reporter.config';
import { ReporterModule } from './reporter.module';

void runServiceMain('reporter', () => loadConfig(ReporterEnv), ReporterModule.register);
