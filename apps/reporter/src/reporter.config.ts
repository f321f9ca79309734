import { ServiceEnv } from '@app/runtime';

export class ReporterEnv extends ServiceEnv {}
