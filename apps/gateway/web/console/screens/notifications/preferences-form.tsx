import { useState } from 'preact/hooks';
import type {
  NotificationPreferenceView,
  NotificationPreferencesReply,
} from '@app/contracts/notifications/notification.model';
import { NOTIFICATION_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { LoadState } from '@web/console/ui/load-state';
import { useAction } from '@web/console/ui/use-action';
import { NOTIFICATION_MESSAGES } from './notifications-messages';
import { changedPreferences, CHANNELS, withChannel, type Channel } from './preferences';

const CHANNEL_LABEL = { inApp: 'channelInApp', email: 'channelEmail', telegram: 'channelTelegram' } as const;

/** Per kind of notice, the channels it reaches this person by; a save sends the rows that changed. */
export function PreferencesForm() {
  const { api } = useConsole();
  const loaded = useLoad(() => api.call<NotificationPreferencesReply>(NOTIFICATION_ROUTES.preferences), []);
  return (
    <LoadState loaded={loaded}>
      {(reply) => <PreferencesTable initial={reply.items} onSaved={() => loaded.reload()} />}
    </LoadState>
  );
}

function PreferencesTable({ initial, onSaved }: { initial: NotificationPreferenceView[]; onSaved(): void }) {
  const t = useTexts(NOTIFICATION_MESSAGES);
  const { api } = useConsole();
  const save = useAction();
  const [saved, setSaved] = useState(initial);
  const [rows, setRows] = useState(initial);
  const changed = changedPreferences(saved, rows);

  async function submit(event: Event) {
    event.preventDefault();
    const ok = await save.run(async () => {
      const reply = await api.call<NotificationPreferencesReply>(NOTIFICATION_ROUTES.savePreferences, {
        body: { items: changed },
      });
      setSaved(reply.items);
      setRows(reply.items);
    }, t('preferencesSaved'));
    if (ok) onSaved();
  }

  const typeName = (type: NotificationPreferenceView['type']) => t(`type.${type}`);
  const channelName = (channel: Channel) => t(CHANNEL_LABEL[channel]);

  return (
    <form class="preferences" onSubmit={(event) => void submit(event)}>
      <p class="muted">{t('preferencesHint')}</p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('noticeType')}</th>
              {CHANNELS.map((channel) => (
                <th key={channel} scope="col" class="cell-check">
                  {channelName(channel)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.type}>
                <th scope="row">{typeName(row.type)}</th>
                {CHANNELS.map((channel) => (
                  <td key={channel} class="cell-check">
                    <input
                      type="checkbox"
                      name={`${row.type}:${channel}`}
                      aria-label={t('channelFor', {
                        type: typeName(row.type),
                        channel: channelName(channel),
                      })}
                      checked={row[channel]}
                      onChange={(event) =>
                        setRows((current) =>
                          withChannel(current, row.type, channel, event.currentTarget.checked),
                        )
                      }
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="row form-actions">
        <button type="submit" class="primary" disabled={save.busy || changed.length === 0}>
          {t('savePreferences')}
        </button>
        {changed.length === 0 ? <span class="muted">{t('preferencesUnchanged')}</span> : null}
      </div>
    </form>
  );
}
