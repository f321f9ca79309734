import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { Caller } from '../identity/caller';
import {
  CommentCountsQuery,
  CommentListQuery,
  NewComment,
  PostCommentsRequest,
} from '../comments/comment.commands';
import { CastVotesRequest, VoteBallot } from '../polls/poll.commands';
import { SubmissionFields } from '../reporter/submission.commands';
import { compiledContractOf } from './compiled-contract';
import { ContractValidationPipe } from './contract-validation.pipe';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const uuid = (n: number) => `0f8fad5b-d9cb-469f-a165-70867728950${n}`;
const caller: Json = {
  readerId: 'reader-1',
  staffId: null,
  roles: [],
  portalName: 'Айгерим',
  addressHash: 'address-1',
};
const comment: Json = {
  body: '  Спасибо за репортаж!\u202E  ',
  parentId: uuid(1),
  authorName: 'Читатель из Алматы',
  authorEmail: 'reader@example.org',
  notifyOnReply: true,
  locale: 'en',
  articleTitle: 'Новая линия метро',
  articleUrl: 'https://news.example.org/metro',
};

/** Each contract with a value it accepts; every variant of it below must be answered alike by both pipes. */
const SAMPLES: [string, new () => object, Json][] = [
  ['NewComment', NewComment, comment],
  ['VoteBallot', VoteBallot, { optionIds: [uuid(1), uuid(2)] }],
  [
    'PostCommentsRequest',
    PostCommentsRequest,
    {
      posts: [
        { caller, articleId: 'story-1', comment },
        { caller, articleId: 'story-2', comment: { body: 'Второй' } },
      ],
    },
  ],
  [
    'CastVotesRequest',
    CastVotesRequest,
    {
      votes: [
        { caller, pollId: uuid(3), ballot: { optionIds: [uuid(4)] } },
        { caller, pollId: uuid(5), ballot: { optionIds: [uuid(6), uuid(7)] } },
      ],
    },
  ],
  ['CommentCountsQuery', CommentCountsQuery, { articleIds: 'story-1,story-2' }],
  [
    'SubmissionFields',
    SubmissionFields,
    { title: ' Пожар ', body: 'Горит склад', name: 'Асель', email: 'a@example.org', consent: true },
  ],
];

const REPLACEMENTS: Json[] = [
  null,
  0,
  1.5,
  true,
  '',
  ' ',
  'x'.repeat(6000),
  'a\u0000b',
  'a\u202Eb',
  'two\nlines',
  '\uD800',
  'not-a-uuid',
  uuid(9),
  '00000000-0000-0000-0000-000000000000',
  {},
  [],
  ['x'],
  [{}],
  [null],
  { nested: 'value' },
];

const KEY_MARKER = 'key-marker';

/** Every variant of a value: each place in it left out, replaced, grown or given an unknown key. */
function* variantsOf(value: Json): Generator<string> {
  yield JSON.stringify(value);
  for (const [path, place] of placesOf(value)) {
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const edit = (change: (parent: Json[] | { [key: string]: Json }) => void) => {
      const copy = JSON.parse(JSON.stringify(value)) as Json;
      change(at(copy, parentPath) as Json[] | { [key: string]: Json });
      return JSON.stringify(copy);
    };
    if (key !== undefined) {
      yield edit((parent) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      });
      for (const replacement of REPLACEMENTS) {
        yield edit((parent) => {
          (parent as Record<string, Json>)[key] = replacement;
        });
      }
    }
    if (Array.isArray(place)) {
      const grown = (items: Json[]) => JSON.stringify(withAt(value, path, items));
      yield grown([]);
      if (place.length > 0) {
        yield grown([...place, place[0]]);
        yield grown(Array.from({ length: 101 }, () => place[0]));
      }
      yield grown([...place, null]);
    } else if (place !== null && typeof place === 'object') {
      // JSON.stringify cannot write these keys as own properties: a marker key is written, then replaced.
      const withKey = (extra: string) =>
        JSON.stringify(withAt(value, path, { [KEY_MARKER]: 0, ...place })).replace(
          `"${KEY_MARKER}":0`,
          extra,
        );
      yield JSON.stringify(withAt(value, path, { ...place, extra: 1 }));
      yield withKey('"__proto__":{"readerId":"x"}');
      yield withKey('"constructor":{}');
    }
  }
}

function placesOf(value: Json, path: string[] = []): [string[], Json][] {
  const places: [string[], Json][] = [[path, value]];
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) places.push(...placesOf(item, [...path, key]));
  }
  return places;
}

function at(value: Json, path: string[]): Json {
  return path.reduce<Json>((node, key) => (node as Record<string, Json>)[key], value);
}

function withAt(value: Json, path: string[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  (at(copy, path.slice(0, -1)) as Record<string, Json>)[path[path.length - 1]] = replacement;
  return copy;
}

async function answerOf(pipe: ContractValidationPipe, text: string, metatype: new () => object) {
  const metadata: ArgumentMetadata = { type: 'body', metatype };
  try {
    return { accepted: await pipe.transform(JSON.parse(text), metadata) };
  } catch (error) {
    return { refused: error };
  }
}

describe.each([
  ['at the gateway', {}],
  ['at a service', { forbidUnknownValues: false }],
])('compiled contract checks %s', (_where, options) => {
  const fast = new ContractValidationPipe(options);
  const full = new ContractValidationPipe({ ...options, compiled: false });

  it.each(SAMPLES)(
    'answer every variant of a %s as the full validation does',
    async (_name, metatype, sample) => {
      let variants = 0;
      let accepted = 0;
      for (const text of new Set(variantsOf(sample))) {
        const expected = await answerOf(full, text, metatype);
        const answer = await answerOf(fast, text, metatype);
        try {
          expect(answer).toStrictEqual(expected);
        } catch (error) {
          throw new Error(`${text.slice(0, 300)}\n${String(error)}`);
        }
        variants += 1;
        if ('accepted' in expected) accepted += 1;
      }
      // Both answers occur: the variants reach both the accepting and the refusing paths.
      expect(variants).toBeGreaterThan(20);
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(variants);
    },
  );
});

describe('compiledContractOf', () => {
  it('answers a valid hot message with the instance plainToInstance would build, cleaned', () => {
    const check = compiledContractOf(PostCommentsRequest)!;
    const built = check(JSON.parse(JSON.stringify(SAMPLES[2][2])));
    expect(built).toBeInstanceOf(PostCommentsRequest);
    const [first] = (built as PostCommentsRequest).posts;
    expect(first.caller).toBeInstanceOf(Caller);
    expect(first.comment).toBeInstanceOf(NewComment);
    expect(first.comment.body).toBe('Спасибо за репортаж!');
  });

  it('leaves an invalid message to the full validation', () => {
    expect(compiledContractOf(VoteBallot)!({ optionIds: ['not-a-uuid'] })).toBeUndefined();
    expect(compiledContractOf(VoteBallot)!({ optionIds: [uuid(1)], extra: true })).toBeUndefined();
  });

  it('compiles no check for a contract using what it does not implement (a number conversion)', () => {
    expect(compiledContractOf(CommentListQuery)).toBeUndefined();
  });
});
