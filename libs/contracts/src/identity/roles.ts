export const ROLES = ['moderator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { moderator: 1, editor: 2, admin: 3 };

/** Roles are ordered: an editor may do all a moderator may, an admin all the rest. */
export function hasRole(roles: readonly Role[], required: Role): boolean {
  return roles.some((role) => RANK[role] >= RANK[required]);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
