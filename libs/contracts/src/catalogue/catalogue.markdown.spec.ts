import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '../index';
import { catalogueMarkdown, catalogueOf, CATALOGUE_END, unpadded } from './catalogue.markdown';

const README = join(__dirname, '..', '..', '..', '..', 'README.md');

describe('the README catalogue of operations and events', () => {
  it('lists exactly what the contracts declare (run `npm run catalogue` after changing them)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(unpadded(catalogueOf(readme))).toBe(unpadded(catalogueMarkdown()));
  });

  it('names every operation with its request class and service, and every event with its publisher', () => {
    const text = catalogueMarkdown();
    expect(text).toContain('| `polls.vote.cast` | `CastVoteRequest` | `PollReply` | polls |');
    expect(text).toMatch(/\| `poll\.closed` \| 1 \| `PollClosedV1` \| polls \|/);
    expect(text.endsWith(CATALOGUE_END)).toBe(true);
  });
});
