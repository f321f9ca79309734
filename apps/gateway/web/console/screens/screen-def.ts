import type { VNode } from 'preact';
import type { Role } from '@app/contracts/identity/roles';

/** A page of the console: where it lives, who may open it, and what it shows. */
export interface ScreenDef {
  /** A path pattern: `/polls/:id`; `:name?` is optional. */
  path: string;
  /** The least role that may open it; the server checks every call anyway. */
  minRole: Role;
  render(params: Record<string, string>, path: string): VNode;
}
