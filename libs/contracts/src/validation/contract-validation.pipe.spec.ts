import { ArgumentMetadata } from '@nestjs/common';
import { IsEmail, IsString, Length } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { PostCommentRequest } from '../comments/comment.commands';
import {
  CastVoteRequest,
  PollChanges,
  PollDraft,
  PollListQuery,
  UpdatePollRequest,
} from '../polls/poll.commands';
import { encodePageCursor } from '../common/page-cursor';
import { CleanText } from './clean-text.decorator';
import { ContractValidationPipe } from './contract-validation.pipe';

class CommentBody {
  @CleanText()
  @IsString()
  @Length(1, 10)
  body: string;
}

class ContactBody {
  @IsEmail()
  email: string;
}

const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
const fieldsOf = async (run: Promise<unknown>): Promise<string[]> => {
  const error: unknown = await run.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof ValidationFailedError)) throw new Error(`expected a 400, got ${String(error)}`);
  return (error.errors ?? []).map((row) => row.field);
};

describe('contract validation pipe', () => {
  const pipe = new ContractValidationPipe();
  const draft = { question: 'Какой транспорт удобнее?', options: ['Автобус', 'Метро'] };

  it('passes a valid body through as an instance of its class', async () => {
    await expect(pipe.transform(draft, body(PollDraft))).resolves.toBeInstanceOf(PollDraft);
  });

  it('refuses a control character in any string of a body, naming its path', async () => {
    const fields = await fieldsOf(
      pipe.transform({ ...draft, question: 'a\u0000b', options: ['a', 'b\u001B'] }, body(PollDraft)),
    );
    expect(fields).toEqual(['question', 'options.1']);
  });

  it('refuses a lone surrogate nested in a service request', async () => {
    const request = {
      caller: { readerId: null, staffId: 's', roles: ['editor'], addressHash: null },
      pollId: '0b6c1f4e-8d7a-4b8e-9f3a-2a1c5d6e7f80',
      changes: { options: [{ text: 'a' }, { text: 'b\uD800' }] },
    };
    expect(await fieldsOf(pipe.transform(request, body(UpdatePollRequest)))).toContain(
      'changes.options.1.text',
    );
  });

  it('refuses a lone surrogate in an email with a 400, though the email rule throws on it', async () => {
    expect(await fieldsOf(pipe.transform({ email: 'a\uD800b@example.test' }, body(ContactBody)))).toEqual([
      'email',
    ]);
    expect(await fieldsOf(pipe.transform({ email: '\uDC00' }, body(ContactBody)))).toEqual(['email']);
  });

  it('refuses line breaks in one-line fields', async () => {
    const fields = await fieldsOf(
      pipe.transform({ question: 'a\nb', options: ['a', 'b\u2028c'] }, body(PollDraft)),
    );
    expect(fields).toEqual(['question', 'options']);
  });

  it('refuses null for a field that may only be left out, and takes it where it clears a value', async () => {
    expect(await fieldsOf(pipe.transform({ question: null }, body(PollChanges)))).toContain('question');
    for (const field of [
      'options',
      'multipleChoice',
      'maxChoices',
      'opensAt',
      'resultsVisibility',
      'placement',
    ]) {
      expect(await fieldsOf(pipe.transform({ [field]: null }, body(PollChanges)))).toContain(field);
    }
    await expect(pipe.transform({ closesAt: null, articleId: null }, body(PollChanges))).resolves.toEqual({
      closesAt: null,
      articleId: null,
    });
    await expect(pipe.transform({}, body(PollChanges))).resolves.toEqual({});
  });

  it('refuses dates PostgreSQL cannot store or a service cannot read', async () => {
    for (const opensAt of [
      '2030-W05-4',
      '+275760-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '20300131T180000Z',
    ]) {
      expect(await fieldsOf(pipe.transform({ ...draft, opensAt }, body(PollDraft)))).toEqual(['opensAt']);
    }
  });

  it('checks query strings against their class, the cursor included', async () => {
    const query = { type: 'query', metatype: PollListQuery } as const;
    const cursor = encodePageCursor({
      createdAt: '2030-01-01T00:00:00.000Z',
      id: '0b6c1f4e-8d7a-4b8e-9f3a-2a1c5d6e7f80',
    });
    await expect(pipe.transform({ cursor, limit: '5' }, query)).resolves.toEqual({ cursor, limit: 5 });
    const forged = Buffer.from(
      '["+275760-09-13T00:00:00.000Z","0b6c1f4e-8d7a-4b8e-9f3a-2a1c5d6e7f80"]',
    ).toString('base64url');
    expect(await fieldsOf(pipe.transform({ cursor: forged }, query))).toEqual(['cursor']);
    expect(await fieldsOf(pipe.transform({ placement: 'side\u0000bar' }, query))).toContain('placement');
  });

  it('checks a path parameter or query value that has no class', async () => {
    expect(
      await fieldsOf(pipe.transform('a\u0000', { type: 'param', metatype: String, data: 'id' })),
    ).toEqual(['id']);
    await expect(pipe.transform('plain', { type: 'param', metatype: String, data: 'id' })).resolves.toBe(
      'plain',
    );
  });

  it('leaves values of custom decorators (the caller) alone', async () => {
    await expect(pipe.transform({ any: '\u0000' }, { type: 'custom', metatype: Object })).resolves.toEqual({
      any: '\u0000',
    });
  });

  it('cleans a field that opts in to cleaning instead of refusing it', async () => {
    const cleaned = (await pipe.transform(
      { body: 'a\u0000b\u202Ec\uD800' },
      body(CommentBody),
    )) as CommentBody;
    expect(cleaned.body).toBe('abc');
  });

  it.each([true, false])(
    'refuses a service request whose caller or body object is absent or null (compiled check: %s)',
    async (compiled) => {
      const servicePipe = new ContractValidationPipe({ compiled });
      // Each failed rule is a row of its own (null fails two): the fields they name are what matters.
      const namedFields = async (run: Promise<unknown>) => [...new Set(await fieldsOf(run))];
      const caller = { readerId: 'r-1', staffId: null, roles: [], addressHash: null };
      const pollId = '0b6c1f4e-8d7a-4b8e-9f3a-2a1c5d6e7f80';
      const vote = { caller, pollId, ballot: { optionIds: ['0b6c1f4e-8d7a-4b8e-9f3a-2a1c5d6e7f81'] } };
      await expect(servicePipe.transform(vote, body(CastVoteRequest))).resolves.toBeInstanceOf(
        CastVoteRequest,
      );
      expect(await namedFields(servicePipe.transform({ caller, pollId }, body(CastVoteRequest)))).toEqual([
        'ballot',
      ]);
      expect(
        await namedFields(servicePipe.transform({ ...vote, ballot: null }, body(CastVoteRequest))),
      ).toEqual(['ballot']);
      expect(
        await fieldsOf(servicePipe.transform({ pollId, ballot: vote.ballot }, body(CastVoteRequest))),
      ).toEqual(['caller']);
      const post = { caller, articleId: 'story-1' };
      expect(await namedFields(servicePipe.transform(post, body(PostCommentRequest)))).toEqual(['comment']);
    },
  );
});
