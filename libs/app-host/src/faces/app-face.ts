import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { AppContext } from '../app.definition';

/** How one kind of app is built, opened and closed; everything else about starting is shared. */
export interface AppFace<TSettings> {
  create(module: DynamicModule, context: AppContext<TSettings>): Promise<INestApplication>;
  /** Opens the app to its callers; returns the line that says it is up. */
  open(app: INestApplication, context: AppContext<TSettings>): Promise<string>;
  /** Stops it: requests in flight get up to SHUTDOWN_GRACE_MS to be answered. */
  close(app: INestApplication, context: AppContext<TSettings>): Promise<void>;
}
