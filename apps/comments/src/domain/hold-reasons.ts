import type { HoldReason, ModerationMode } from '@app/contracts';

export interface HoldInputs {
  mode: ModerationMode;
  suspectWord: boolean;
  links: number;
  maxLinks: number;
  /** The newsroom's own comments are never held. */
  byStaff: boolean;
}

/** Why a new comment waits for a moderator; empty means it is published at once. */
export function holdReasonsFor(inputs: HoldInputs): HoldReason[] {
  if (inputs.byStaff) return [];
  const reasons: HoldReason[] = [];
  if (inputs.mode === 'pre') reasons.push('pre_moderation');
  if (inputs.suspectWord) reasons.push('suspect_word');
  if (inputs.links > inputs.maxLinks) reasons.push('links');
  return reasons;
}
