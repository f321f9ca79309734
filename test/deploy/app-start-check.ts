import { loadConfig } from '@app/runtime';
import { CommentsEnv } from '../../apps/comments/src/comments.config';
import { readGatewaySettings } from '../../apps/gateway/src/gateway.settings';
import { NotificationsEnv } from '../../apps/notifications/src/notifications.config';
import { PollsEnv } from '../../apps/polls/src/polls.config';
import { contactCipherFrom } from '../../apps/reporter/src/crypto/contact-cipher.provider';
import { ReporterEnv } from '../../apps/reporter/src/reporter.config';

type Env = Record<string, string>;

/** The configuration checks an app runs at start, before it opens anything: each throws what it refuses. */
const STARTS: Record<string, (env: Env) => unknown> = {
  gateway: (env) => readGatewaySettings(env),
  polls: (env) => loadConfig(PollsEnv, env),
  comments: (env) => loadConfig(CommentsEnv, env),
  reporter: (env) => contactCipherFrom(loadConfig(ReporterEnv, env)),
  notifications: (env) => loadConfig(NotificationsEnv, env),
};

/** Why the app would stop at start with this environment, or null when it would run. */
export function startRefusal(app: string, env: Env): string | null {
  const start = STARTS[app];
  if (!start) return `${app}: no such app`;
  try {
    start(env);
    return null;
  } catch (error) {
    return `${app}: ${(error as Error).message}`;
  }
}
