import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useConsole, useLoad, useSession } from '@web/console/console-context';
import { DeskApi, type StaffMember } from './desk-api';

export function useDeskApi(): DeskApi {
  const { api } = useConsole();
  return useMemo(() => new DeskApi(api), [api]);
}

export interface Roster {
  members: StaffMember[];
  /** The signed-in moderator's id, found by their email; null until the roster arrives. */
  myId: string | null;
  /** A colleague's email for a staff id; the id itself for an account since removed. */
  nameOf(staffId: string): string;
  /** Reads the roster again if it lacks one of these ids (a colleague who joined since); once per id. */
  learn(staffIds: readonly string[]): void;
}

/** The staff roster, for names in place of ids and for assigning. A failure leaves ids on screen. */
export function useRoster(desk: DeskApi): Roster {
  const session = useSession();
  const loaded = useLoad(() => desk.staff(), [desk]);
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
