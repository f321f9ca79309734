import { Caller, ForbiddenError, hasRole } from '@app/contracts';

/** A moderator or above; the service checks it itself, whatever the gateway did. Returns the staff id. */
export function requireModerator(caller: Caller): string {
  if (!caller.staffId || !hasRole(caller.roles, 'moderator')) throw new ForbiddenError();
  return caller.staffId;
}
