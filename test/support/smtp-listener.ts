import type { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An answer the listener gives instead of accepting: `{ code: 451, message: 'try later' }`. */
export interface Refusal {
  code: number;
  message: string;
}

/**
 * A real SMTP server on a free local port that keeps every message it accepts, parsed, and can be
 * told to refuse (all, or some by recipient) with a given reply code.
 */
export class SmtpListener {
  readonly received: ParsedMail[] = [];
  refusals = 0;
  /** Connections that ended in an error (a sender that died mid-session). */
  readonly connectionErrors: string[] = [];
  /** How long the listener thinks before answering a message's data: a slow server. */
  answerDelayMs = 0;
  private refuse?: (to: string) => Refusal | undefined;
  private readonly closedSessions = new Set<string>();
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.answerDelayMs > 0)
              await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
            // A sender that went away before our answer never learnt we took it: like a real server,
            // the message is not kept (RFC 5321 §4.1.1.4 ends a transaction at the reply).
            if (this.closedSessions.has(session.id)) {
              callback(new Error('connection closed'));
              return;
            }
            const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(',');
            const refusal = this.refuse?.(to);
            if (refusal) {
              this.refusals += 1;
              const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
              callback(error);
              return;
            }
            this.received.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    // A sender killed mid-session resets its connection: a real server logs it and goes on, and so does
    // this one (an 'error' without a listener would end the test process).
    this.server.on('error', (error: Error) => {
      this.connectionErrors.push(error.message);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Refuse what `rule` says to refuse until told otherwise; `undefined` accepts everything again. */
  refuseWith(rule?: (to: string) => Refusal | undefined): void {
    this.refuse = rule;
  }

  to(address: string): ParsedMail[] {
    return this.received.filter((mail) => addressesOf(mail).includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((entry) => entry.address ?? ''));
}
