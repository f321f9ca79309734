import { ADMIN_ROUTES } from './admin.routes';
import { COMMENT_ROUTES } from './comment.routes';
import { IDENTITY_ROUTES } from './identity.routes';
import { NOTIFICATION_ROUTES } from './notification.routes';
import { POLL_ROUTES } from './poll.routes';
import { SUBMISSION_ROUTES } from './submission.routes';

/**
 * Every API route the console calls, by area. Screens name routes from these tables only; the suite
 * test `test/console-routes.e2e-spec.ts` finds each in the gateway's OpenAPI document.
 */
export const ROUTE_TABLES = {
  identity: IDENTITY_ROUTES,
  comments: COMMENT_ROUTES,
  submissions: SUBMISSION_ROUTES,
  polls: POLL_ROUTES,
  notifications: NOTIFICATION_ROUTES,
  admin: ADMIN_ROUTES,
} as const;

export { ADMIN_ROUTES, COMMENT_ROUTES, IDENTITY_ROUTES, NOTIFICATION_ROUTES, POLL_ROUTES, SUBMISSION_ROUTES };
