import type { Role } from '@app/contracts/identity/roles';

/** A staff member signed in to the console. */
export interface StaffSession {
  token: string;
  email: string;
  roles: Role[];
  /** Epoch milliseconds when the token expires. */
  expiresAt: number;
}

const STORAGE_KEY = 'engage-console:session';
const RANK: Record<Role, number> = { moderator: 1, editor: 2, admin: 3 };

/** Roles are ordered: an editor may do all a moderator may, an admin all the rest (as the server rules). */
export function mayAct(session: StaffSession | null, required: Role): boolean {
  return !!session && session.roles.some((role) => RANK[role] >= RANK[required]);
}

/**
 * The signed-in staff member, kept in localStorage so that it survives a reload and is shared by the
 * console's tabs (signing out in one signs out all). It ends by itself when the token expires.
 */
export class SessionStore {
  private current: StaffSession | null;
  private readonly listeners = new Set<() => void>();
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the last session ended by itself (expired, refused by the server) rather than by signing out. */
  endedByItself = false;

  constructor() {
    this.current = readStored();
    this.scheduleExpiry();
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY) return;
      this.current = readStored();
      this.scheduleExpiry();
      this.notify();
    });
  }

  get session(): StaffSession | null {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signIn(session: StaffSession): void {
    this.current = session;
    this.endedByItself = false;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // storage blocked: the session lives as long as the page
    }
    this.scheduleExpiry();
    this.notify();
  }

  signOut(reason: 'signed-out' | 'expired' = 'signed-out'): void {
    if (!this.current) return;
    this.current = null;
    this.endedByItself = reason === 'expired';
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
    this.scheduleExpiry();
    this.notify();
  }

  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    if (!this.current) return;
    // setTimeout holds at most ~24.8 days; a longer token is checked again then.
    const wait = Math.min(this.current.expiresAt - Date.now(), 2 ** 31 - 1);
    this.expiryTimer = setTimeout(
      () => {
        if (this.current && this.current.expiresAt <= Date.now()) this.signOut('expired');
        else this.scheduleExpiry();
      },
      Math.max(wait, 0),
    );
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function readStored(): StaffSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StaffSession | null;
    if (stored && typeof stored.token === 'string' && stored.expiresAt > Date.now()) return stored;
  } catch {
    // unreadable: signed out
  }
  return null;
}
