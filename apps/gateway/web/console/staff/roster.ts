import { useEffect, useMemo, useRef } from 'preact/hooks';
import { IDENTITY_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useSession } from '@web/console/console-context';

/** A colleague in the staff roster (`GET /api/v1/staff`, a gateway DTO the console cannot import). */
export interface StaffMember {
  id: string;
  email: string;
}

export interface Roster {
  members: StaffMember[];
  /** The signed-in person's id, found by their email; null until the roster arrives. */
  myId: string | null;
  /** A colleague's email for a staff id; the id itself for an account since removed. */
  nameOf(staffId: string): string;
  /** Reads the roster again if it lacks one of these ids (a colleague who joined since); once per id. */
  learn(staffIds: readonly string[]): void;
}

/**
 * The staff roster every moderator may read: names in place of ids (who decided, who is assigned) and
 * the people to assign. A failure leaves the ids on screen.
 */
export function useRoster(): Roster {
  const { api } = useConsole();
  const session = useSession();
  const loaded = useLoad(
    async () => (await api.call<{ items: StaffMember[] }>(IDENTITY_ROUTES.roster)).items,
    [api],
  );
  const asked = useRef(new Set<string>());
  return useMemo(() => {
    const members = loaded.data ?? [];
    const emails = new Map(members.map((member) => [member.id, member.email]));
    const me = members.find((member) => member.email === session?.email);
    return {
      members,
      myId: me?.id ?? null,
      nameOf: (staffId) => emails.get(staffId) ?? staffId,
      learn: (staffIds) => {
        if (!loaded.data) return;
        const unknown = staffIds.filter((id) => !emails.has(id) && !asked.current.has(id));
        if (unknown.length === 0) return;
        for (const id of unknown) asked.current.add(id);
        loaded.reload();
      },
    };
  }, [loaded.data, session?.email]);
}

/** Learns the names of the staff ids a view shows. */
export function useNamesOf(roster: Roster, staffIds: readonly string[]): void {
  const key = staffIds.join(',');
  useEffect(() => roster.learn(staffIds), [roster, key]);
}
