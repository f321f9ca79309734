import { Caller, ForbiddenError, hasRole, Role, UnauthorizedError } from '@app/contracts';

/** A logged-in member of staff (any role): the feed and preferences are theirs alone. */
export function requireStaffMember(caller: Caller): string {
  if (!caller.staffId) throw new UnauthorizedError('Log in as staff to see your notifications.');
  return caller.staffId;
}

export function requireRole(caller: Caller, role: Role): string {
  const staffId = requireStaffMember(caller);
  if (!hasRole(caller.roles, role)) throw new ForbiddenError();
  return staffId;
}
