import { roundsOf } from '../domain/post-rounds';
import { NewPost, postingKeysOf } from './posting.repository';

function post(id: string, readerId: string | null, addressHash: string | null, byStaff = false): NewPost {
  return { id, readerId, addressHash, byStaff } as NewPost;
}

const idsOf = (rounds: NewPost[][]): string[][] => rounds.map((round) => round.map((item) => item.id));

describe('postingKeysOf, splitting a batch into rounds', () => {
  // Four readers behind one address (a newsroom's Wi-Fi, a mobile carrier's NAT), one reader twice.
  const burst = [
    post('a', 'r1', 'office'),
    post('b', 'r2', 'office'),
    post('c', 'r3', 'office'),
    post('d', 'r1', 'home'),
    post('e', null, 'office'),
  ];

  it('judges one address’s posts one after the other while the address limit is on', () => {
    expect(idsOf(roundsOf(burst, (item) => postingKeysOf(item, true)))).toEqual([
      ['a'],
      ['b', 'd'],
      ['c'],
      ['e'],
    ]);
  });

  it('splits by reader alone when the address limit is off', () => {
    expect(idsOf(roundsOf(burst, (item) => postingKeysOf(item, false)))).toEqual([
      ['a', 'b', 'c', 'e'],
      ['d'],
    ]);
  });

  it('never splits the newsroom’s posts', () => {
    const staff = [post('s1', null, 'office', true), post('s2', null, 'office', true)];
    expect(idsOf(roundsOf(staff, (item) => postingKeysOf(item, true)))).toEqual([['s1', 's2']]);
  });
});
