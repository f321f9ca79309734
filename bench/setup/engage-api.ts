import { Pool } from 'undici';
import type { ReaderCredential } from '../load/load.protocol';

export interface BenchPoll {
  id: string;
  optionIds: string[];
}

/** The calls that set a run up, made as a portal and an editor would make them. */
export class EngageApi {
  private readonly pool: Pool;
  /** Readers minted so far; each gets the next address of 10.0.0.0/8. */
  private minted = 1;

  constructor(readonly baseUrl: string) {
    this.pool = new Pool(baseUrl, { connections: 16 });
  }

  async login(email: string, password: string): Promise<string> {
    const body = await this.call<{ accessToken: string }>('POST', '/api/v1/auth/login', 200, {
      body: { email, password },
    });
    return body.accessToken;
  }

  async createPoll(editorToken: string, question: string, options: string[]): Promise<BenchPoll> {
    const poll = await this.call<{ id: string; options: { id: string }[] }>('POST', '/api/v1/polls', 201, {
      body: { question, options },
      headers: { authorization: `Bearer ${editorToken}` },
    });
    return { id: poll.id, optionIds: poll.options.map((option) => option.id) };
  }

  /** `count` new readers, 16 at a time; a reader's token is minted from the address it will vote from. */
  async mintReaders(count: number): Promise<ReaderCredential[]> {
    const readers: ReaderCredential[] = [];
    const mintNext = async (): Promise<void> => {
      while (readers.length < count) {
        const forwardedFor = syntheticAddress(this.minted++);
        readers.push({ token: '', forwardedFor });
        const slot = readers.length - 1;
        const { token } = await this.call<{ token: string }>('POST', '/api/v1/reader-tokens', 201, {
          headers: { 'x-forwarded-for': forwardedFor },
        });
        readers[slot].token = token;
      }
    };
    await Promise.all(Array.from({ length: 16 }, mintNext));
    return readers;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    expected: number,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const answer = await this.pool.request({
      method,
      path,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await answer.body.text();
    if (answer.statusCode !== expected) throw new Error(`${method} ${path}: ${answer.statusCode} ${text}`);
    return JSON.parse(text) as T;
  }
}

/** 10.x.y.z for the n-th reader: only a header value, no traffic goes there. */
function syntheticAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
