import { useState } from 'preact/hooks';
import { NOTIFICATION_ROUTES } from '@web/console/api/routes';
import { useConsole, useTexts } from '@web/console/console-context';
import { DateTime } from '@web/console/ui/date-time';
import { useAction } from '@web/console/ui/use-action';
import { NOTIFICATION_MESSAGES } from './notifications-messages';

/** The answer of `POST /api/v1/me/telegram/link-code` (a contracts class, so declared here for the browser). */
interface TelegramLinkCode {
  code: string;
  expiresAt: string;
  botUsername?: string;
}

/** Linking a Telegram chat: a one-time code to send to the bot, and unlinking. */
export function TelegramLink() {
  const t = useTexts(NOTIFICATION_MESSAGES);
  const { api } = useConsole();
  const action = useAction();
  const [linkCode, setLinkCode] = useState<TelegramLinkCode | null>(null);

  async function getCode() {
    await action.run(async () => {
      setLinkCode(await api.call<TelegramLinkCode>(NOTIFICATION_ROUTES.telegramLinkCode));
    }, t('telegramCodeReady'));
  }

  async function unlink() {
    const done = await action.run(() => api.call(NOTIFICATION_ROUTES.telegramUnlink), t('telegramUnlinked'));
    if (done) setLinkCode(null);
  }

  const bot = linkCode?.botUsername ? `@${linkCode.botUsername}` : null;
  return (
    <div class="telegram-link stack">
      <p>{t('telegramHint')}</p>
      {linkCode ? (
        <div class="link-code card">
          <p class="link-code-value">
            <span class="muted">{t('telegramCodeLabel')}: </span>
            <code>{linkCode.code}</code>
          </p>
          <p>
            {t('telegramExpires')} <DateTime iso={linkCode.expiresAt} />
          </p>
          {bot ? (
            <>
              <p>
                {t('telegramSendToBot', { bot })} <code>/start {linkCode.code}</code>
              </p>
              <p>
                <a
                  href={`https://t.me/${encodeURIComponent(linkCode.botUsername!)}?start=${encodeURIComponent(linkCode.code)}`}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {t('telegramOpenBot', { bot })}
                </a>
              </p>
            </>
          ) : (
            <p>
              {t('telegramSendAny')} <code>{linkCode.code}</code> / <code>/start {linkCode.code}</code>
            </p>
          )}
        </div>
      ) : null}
      <div class="row">
        <button type="button" class="primary" disabled={action.busy} onClick={() => void getCode()}>
          {linkCode ? t('telegramNewCode') : t('telegramGetCode')}
        </button>
        <button type="button" class="danger" disabled={action.busy} onClick={() => void unlink()}>
          {t('telegramUnlink')}
        </button>
      </div>
    </div>
  );
}
