import { hasRole, Role, StaffNoticeType } from '@app/contracts';

/** Who is told of each kind of staff notice (roles are ordered: an admin is told what a moderator is). */
const AUDIENCE: Record<StaffNoticeType, Role> = {
  'comment.held': 'moderator',
  'comment.flagged': 'moderator',
  'submission.received': 'moderator',
  'submission.message_received': 'moderator',
  'poll.closed': 'editor',
};

export function isInAudience(type: StaffNoticeType, roles: readonly Role[]): boolean {
  return hasRole(roles, AUDIENCE[type]);
}

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
  telegram: boolean;
}

/** Every channel until the person chooses otherwise. */
export const DEFAULT_CHOICE: ChannelChoice = Object.freeze({ inApp: true, email: true, telegram: true });

export interface Reachability {
  /** The service can send email (SMTP is configured). */
  email: boolean;
  /** The service can send to Telegram and this person linked a chat. */
  telegram: boolean;
}

/** The channels one notice goes out on: what the person chose, among what can reach them. */
export function channelsFor(choice: ChannelChoice | undefined, reach: Reachability): ChannelChoice {
  const chosen = choice ?? DEFAULT_CHOICE;
  return {
    inApp: chosen.inApp,
    email: chosen.email && reach.email,
    telegram: chosen.telegram && reach.telegram,
  };
}
