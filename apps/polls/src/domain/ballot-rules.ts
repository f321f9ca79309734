import { ValidationFailedError } from '@app/contracts';
import type { PollDefinition } from './poll-definition';

const refuse = (message: string): never => {
  throw new ValidationFailedError([{ field: 'optionIds', message }]);
};

/**
 * Checks a ballot against the poll's definition: at least one option, no option twice, every option
 * belongs to the poll, exactly one unless the poll is multiple choice, and at most `maxChoices`.
 * Returns the choices in the editor's order of options.
 */
export function checkBallot(
  poll: Pick<PollDefinition, 'options' | 'multipleChoice' | 'maxChoices'>,
  optionIds: readonly string[],
): string[] {
  if (optionIds.length === 0) refuse('Choose at least one option.');
  if (new Set(optionIds).size !== optionIds.length) refuse('An option is chosen more than once.');
  const positions = new Map(poll.options.map((option, index) => [option.id, index]));
  const unknown = optionIds.filter((id) => !positions.has(id));
  if (unknown.length > 0) refuse(`Not an option of this poll: ${unknown.join(', ')}.`);
  if (!poll.multipleChoice && optionIds.length !== 1) refuse('Choose exactly one option.');
  if (optionIds.length > poll.maxChoices) refuse(`Choose at most ${poll.maxChoices} options.`);
  return [...optionIds].sort((a, b) => positions.get(a)! - positions.get(b)!);
}
