import 'reflect-metadata';
import { POLL_LIMITS, VoteBallot } from '@app/contracts';
import { gatewayValidationPipe } from '../http/validation.pipe';
import { ballotOf, VOTE_LANE_MAX_BODY_BYTES } from './vote.fast-path';

const uuid = (index: number) => `0000000${index % 10}-1111-4222-8333-${String(index).padStart(12, '0')}`;
const many = (count: number) => Array.from({ length: count }, (_, index) => uuid(index));

/** Whether the route's own validation (the pipe every gateway route runs) admits the body. */
async function routeAdmits(body: unknown): Promise<boolean> {
  try {
    await gatewayValidationPipe().transform(body, { type: 'body', metatype: VoteBallot });
    return true;
  } catch {
    return false;
  }
}

const BODIES: [string, unknown][] = [
  ['one option', { optionIds: [uuid(1)] }],
  ['several options', { optionIds: many(3) }],
  ['every option a poll may have', { optionIds: many(POLL_LIMITS.maxOptions) }],
  ['one option too many', { optionIds: many(POLL_LIMITS.maxOptions + 1) }],
  ['no option', { optionIds: [] }],
  ['an option twice', { optionIds: [uuid(1), uuid(1)] }],
  ['upper-case ids', { optionIds: [uuid(1).toUpperCase()] }],
  ['an id that is not a UUID', { optionIds: ['not-a-uuid'] }],
  ['a UUID of no version', { optionIds: ['00000000-1111-0222-8333-000000000001'] }],
  ['a number for an id', { optionIds: [1] }],
  ['ids as a string', { optionIds: uuid(1) }],
  ['an unknown key beside', { optionIds: [uuid(1)], extra: true }],
  ['a __proto__ key', JSON.parse(`{"optionIds":["${uuid(1)}"],"__proto__":{"admin":true}}`)],
  ['no optionIds', {}],
  ['null', null],
  ['an array', [uuid(1)]],
  ['a string', 'optionIds'],
];

describe('the vote lane admits only ballots the route admits', () => {
  it.each(BODIES)('%s', async (_name, body) => {
    const taken = ballotOf(body);
    // Stricter than the route is allowed (the route answers those); looser never.
    if (taken !== undefined) {
      expect(await routeAdmits(body)).toBe(true);
      expect(taken).toEqual((body as { optionIds: string[] }).optionIds);
    }
  });

  it('takes the plain ballots a widget sends', () => {
    expect(ballotOf({ optionIds: [uuid(1)] })).toEqual([uuid(1)]);
    expect(ballotOf({ optionIds: many(POLL_LIMITS.maxOptions) })).toHaveLength(POLL_LIMITS.maxOptions);
    expect(ballotOf({ optionIds: [uuid(1).toUpperCase()] })).toBeDefined();
  });

  it('is held to a route that does refuse (the comparison above is not empty)', async () => {
    expect(await routeAdmits({ optionIds: many(POLL_LIMITS.maxOptions + 1) })).toBe(false);
    expect(await routeAdmits({ optionIds: [uuid(1)], extra: true })).toBe(false);
    expect(await routeAdmits({ optionIds: [uuid(1)] })).toBe(true);
  });

  it('has room in its body limit for the largest ballot', () => {
    const largest = JSON.stringify({ optionIds: many(POLL_LIMITS.maxOptions) }, null, 1);
    expect(Buffer.byteLength(largest)).toBeLessThanOrEqual(VOTE_LANE_MAX_BODY_BYTES);
  });
});
