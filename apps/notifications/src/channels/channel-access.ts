import { Caller, ForbiddenError, hasRole, Role } from '@app/contracts';

/** A member of staff with at least `role`; the service checks it itself, whatever the gateway did. */
export function requireStaff(caller: Caller, role: Role = 'moderator'): string {
  if (!caller.staffId || !hasRole(caller.roles, role)) throw new ForbiddenError();
  return caller.staffId;
}
