import { Caller, ForbiddenError, hasRole, ReaderRequiredError, Role } from '@app/contracts';

/** A member of the newsroom with at least `role`; the service checks it itself, whatever the gateway did. */
export function requireStaff(caller: Caller, role: Role = 'moderator'): string {
  if (!caller.staffId || !hasRole(caller.roles, role)) throw new ForbiddenError();
  return caller.staffId;
}

export function requireReader(caller: Caller): string {
  if (!caller.readerId) throw new ReaderRequiredError();
  return caller.readerId;
}

export function isModerator(caller: Caller): boolean {
  return caller.staffId !== null && hasRole(caller.roles, 'moderator');
}

export interface AuthoredBy {
  readerId: string | null;
  staffId: string | null;
}

/** The caller wrote it: the same reader, or the same member of staff. */
export function isAuthor(caller: Caller, comment: AuthoredBy): boolean {
  return (
    (caller.readerId !== null && comment.readerId === caller.readerId) ||
    (caller.staffId !== null && comment.staffId === caller.staffId)
  );
}
