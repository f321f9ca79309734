/** A way to reach someone. Workers call `send` once per attempt; the outcome decides what happens next. */
export type ChannelName = 'email' | 'telegram' | 'webhook';

export interface OutgoingMessage {
  /** Stable across attempts: the email's Message-ID and the webhook-id derive from it, so receivers can drop repeats. */
  readonly deliveryId: string;
  readonly channel: ChannelName;
  /** An email address, a Telegram chat id, or a webhook endpoint id. */
  readonly address: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Webhooks: the JSON body to sign and post. */
  readonly payload?: unknown;
  readonly eventType: string;
  readonly occurredAt: Date;
}

export type SendOutcome =
  | { readonly kind: 'sent'; readonly detail: string }
  | { readonly kind: 'retry'; readonly detail: string; readonly afterMs?: number }
  | { readonly kind: 'failed'; readonly detail: string }
  /** The address no longer takes messages (a Telegram user blocked the bot): unlink it and tell the person in-app. */
  | { readonly kind: 'unreachable'; readonly detail: string };

export interface DeliveryChannel {
  readonly name: ChannelName;
  send(message: OutgoingMessage, signal: AbortSignal): Promise<SendOutcome>;
}
