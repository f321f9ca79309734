import { createTransport, Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { withoutAddresses } from './address-free';
import { outcomeOfSmtpError } from './smtp-answer';
import type { DeliveryChannel, OutgoingMessage, SendOutcome } from '../delivery-channel';

export interface EmailSettings {
  smtpUrl: string;
  from: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** Connections kept open to the SMTP server at once. */
  maxConnections: number;
  timeoutMs: number;
}

/** Email over SMTP: a 4xx answer is worth another try, a 5xx one is final (RFC 5321). */
export class EmailChannel implements DeliveryChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly messageIdDomain: string;

  constructor(private readonly settings: EmailSettings) {
    this.transport = createTransport({
      url: settings.smtpUrl,
      pool: true,
      maxConnections: settings.maxConnections,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
      ...(settings.dkim ? { dkim: settings.dkim } : {}),
    } as SMTPTransport.Options);
    this.messageIdDomain = settings.dkim?.domainName ?? domainOf(settings.from);
  }

  async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendOutcome> {
    if (signal.aborted) return { kind: 'retry', detail: 'stopped before sending' };
    try {
      // The message is built whole first and goes out as one piece: streamed as it is composed, each
      // of its many small parts would be a write of its own to the socket, the most costly part of
      // sending under load.
      const raw = await new MailComposer({
        from: this.settings.from,
        to: message.address,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        // The same id on every attempt, so a receiver can drop a copy that a lost answer made us resend.
        messageId: `<${message.deliveryId}@${this.messageIdDomain}>`,
        headers: { ...message.headers },
      })
        .compile()
        .build();
      const info = await this.transport.sendMail({
        envelope: { from: this.settings.from, to: message.address },
        raw,
      });
      return { kind: 'sent', detail: withoutAddresses(info.response ?? 'accepted') };
    } catch (error) {
      const {
        responseCode,
        response,
        code,
        message: text,
      } = error as {
        responseCode?: number;
        response?: string;
        code?: string;
        message?: string;
      };
      return outcomeOfSmtpError(responseCode, withoutAddresses(response ?? code ?? text ?? 'send failed'));
    }
  }

  close(): void {
    this.transport.close();
  }
}

function domainOf(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match ? match[1] : 'localhost';
}
