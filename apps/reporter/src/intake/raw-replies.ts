import { Logger } from '@nestjs/common';
import { headers as natsHeaders, Msg, MsgHdrs } from 'nats';
import { RAW_REPLY_ERROR_HEADER, WireError } from '@app/contracts';
import { toWireError } from '@app/messaging';

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

/** Answers a raw request with JSON. */
export function replyJson(msg: Msg, body: unknown): void {
  if (msg.reply) msg.respond(json(body));
}

/** Answers a raw request with bytes and headers. */
export function replyBytes(msg: Msg, bytes: Uint8Array, values: Record<string, string>): void {
  if (!msg.reply) return;
  const headers = natsHeaders();
  for (const [name, value] of Object.entries(values)) headers.set(name, value);
  msg.respond(bytes, { headers });
}

/** Answers with the shared wire error shape, marked so the caller can tell it from data. */
export function replyError(msg: Msg, error: unknown, logger: Logger): WireError {
  const wire = toWireError(error, logger);
  if (msg.reply) {
    const headers: MsgHdrs = natsHeaders();
    headers.set(RAW_REPLY_ERROR_HEADER, '1');
    msg.respond(json(wire), { headers });
  }
  return wire;
}
