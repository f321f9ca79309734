import { reply, rpcOperation } from '../rpc/rpc-operation';
import { TelegramCallerRequest, TelegramLinkCodeView, TelegramUnlinkedView } from './telegram.contracts';

/** A staff member's own Telegram chat: a code to link it, and unlinking. */
export const TelegramRpc = {
  linkCode: rpcOperation(
    'notifications.telegram.link_code',
    TelegramCallerRequest,
    reply<TelegramLinkCodeView>('TelegramLinkCodeView'),
  ),
  unlink: rpcOperation(
    'notifications.telegram.unlink',
    TelegramCallerRequest,
    reply<TelegramUnlinkedView>('TelegramUnlinkedView'),
  ),
} as const;
