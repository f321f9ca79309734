import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  chatId: string;
  text: string;
}

interface ScriptedAnswer {
  status: number;
  body: object;
}

/**
 * A Bot API server for tests, speaking the methods the service uses (getMe, getUpdates with long
 * polling and offsets, sendMessage) over real HTTP. Like Telegram it answers 409 to a getUpdates
 * while another one is waiting, and it can be told to answer a chat's sendMessage with a 429 or a 403.
 */
export class FakeBotApi {
  readonly token = `123456:TEST-${'x'.repeat(30)}`;
  readonly username = 'engage_test_bot';
  readonly sent: SentMessage[] = [];
  /** getUpdates calls that overlapped another (Telegram's 409 Conflict). */
  conflicts = 0;
  /** Every request path seen (the token included), to check what a caller sends. */
  readonly calls: string[] = [];
  private updates: object[] = [];
  private nextUpdateId = 1000;
  private pollsWaiting = 0;
  private readonly wakeUps = new Set<() => void>();
  private readonly scripted = new Map<string, ScriptedAnswer[]>();
  private server?: Server;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.route(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.wakeUps.forEach((wake) => wake());
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A person sends `text` to the bot from a private chat. Returns the update's id. */
  userSends(chatId: number, text: string, chatType = 'private'): number {
    const updateId = this.nextUpdateId++;
    this.updates.push({
      update_id: updateId,
      message: { message_id: updateId, text, chat: { id: chatId, type: chatType } },
    });
    this.wakeUps.forEach((wake) => wake());
    return updateId;
  }

  /** The next sendMessage to `chatId` gets this answer instead of a success. */
  answerNextSend(chatId: string, status: number, body: object): void {
    this.scripted.set(chatId, [...(this.scripted.get(chatId) ?? []), { status, body }]);
  }

  sentTo(chatId: string): string[] {
    return this.sent.filter((message) => message.chatId === chatId).map((message) => message.text);
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const params = await readJson(request);
    this.calls.push(request.url ?? '');
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    if (!match || match[1] !== this.token) {
      return answer(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    switch (match[2]) {
      case 'getMe':
        return answer(response, 200, {
          ok: true,
          result: { id: 123456, is_bot: true, first_name: 'Engage', username: this.username },
        });
      case 'getUpdates':
        return this.getUpdates(params, response);
      case 'sendMessage':
        return this.sendMessage(params, response);
      default:
        return answer(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  }

  private async getUpdates(params: Record<string, unknown>, response: ServerResponse): Promise<void> {
    if (this.pollsWaiting > 0) {
      this.conflicts += 1;
      return answer(response, 409, {
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by other getUpdates request',
      });
    }
    const offset = Number(params.offset ?? 0);
    // An offset confirms every update before it: Telegram forgets them.
    this.updates = this.updates.filter((update) => (update as { update_id: number }).update_id >= offset);
    if (this.updates.length === 0) {
      this.pollsWaiting += 1;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.wakeUps.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Number(params.timeout ?? 0) * 1000);
        this.wakeUps.add(wake);
        response.on('close', wake);
      });
      this.pollsWaiting -= 1;
    }
    answer(response, 200, { ok: true, result: this.updates });
  }

  private sendMessage(params: Record<string, unknown>, response: ServerResponse): void {
    const chatId = String(params.chat_id);
    const scripted = this.scripted.get(chatId)?.shift();
    if (scripted) return answer(response, scripted.status, scripted.body);
    this.sent.push({ chatId, text: String(params.text) });
    answer(response, 200, {
      ok: true,
      result: { message_id: this.sent.length, chat: { id: Number(chatId) }, text: params.text },
    });
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function answer(response: ServerResponse, status: number, body: object): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
