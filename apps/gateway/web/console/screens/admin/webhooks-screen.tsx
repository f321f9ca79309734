import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ADMIN_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { DateTime } from '@web/console/ui/date-time';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { useAction } from '@web/console/ui/use-action';
import { ADMIN_MESSAGES } from './admin-messages';
import type { CreatedWebhookEndpointView, WebhookEndpointListView, WebhookEndpointView } from './admin-api';
import { ConfirmDelete } from './confirm-delete';
import { WebhookForm } from './webhook-form';
import { DataTable } from '@web/console/ui/data-table';

/** The site's webhook endpoints; a new one's secret is shown once, until the admin says it is kept. */
export function WebhooksScreen({ nav }: { nav: ComponentChildren }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const loaded = useLoad(() => api.call<WebhookEndpointListView>(ADMIN_ROUTES.webhooks), []);
  const [created, setCreated] = useState<CreatedWebhookEndpointView | null>(null);
  return (
    <section>
      <ScreenTitle>{t('webhooksTitle')}</ScreenTitle>
      {nav}
      {created ? (
        <div class="secret-once card" role="region" aria-labelledby="secret-once-title">
          <h2 id="secret-once-title">{t('secretOnce')}</h2>
          <p>{t('secretOnceHint')}</p>
          <p class="cell-wrap">{created.url}</p>
          <p>
            <code class="secret-value">{created.secret}</code>
          </p>
          <button type="button" onClick={() => setCreated(null)}>
            {t('secretSaved')}
          </button>
        </div>
      ) : null}
      <WebhookForm
        onCreated={(endpoint) => {
          setCreated(endpoint);
          loaded.reload();
        }}
      />
      <LoadState loaded={loaded}>
        {(list) =>
          list.items.length === 0 ? (
            <p class="muted">{t('noWebhooks')}</p>
          ) : (
            <DataTable
              className="webhook-table"
              caption={t('webhookList')}
              columns={[t('url'), t('events'), t('state'), t('created'), t('actions')]}
            >
              {list.items.map((endpoint) => (
                <WebhookRow key={endpoint.id} endpoint={endpoint} onDeleted={() => loaded.reload()} />
              ))}
            </DataTable>
          )
        }
      </LoadState>
    </section>
  );
}

function WebhookRow({ endpoint, onDeleted }: { endpoint: WebhookEndpointView; onDeleted(): void }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);

  async function remove() {
    const done = await action.run(
      () => api.call(ADMIN_ROUTES.deleteWebhook, { params: { id: endpoint.id } }),
      t('webhookDeleted', { url: endpoint.url }),
    );
    if (done) onDeleted();
    else setConfirming(false);
  }

  return (
    <tr>
      <th scope="row" class="cell-wrap">
        {endpoint.url}
      </th>
      <td>
        <span class="tags">
          {endpoint.events.map((type) => (
            <span key={type} class="tag" title={type}>
              {t(`event.${type}`)}
            </span>
          ))}
        </span>
      </td>
      <td>
        {endpoint.enabled ? (
          <span class="state state-good">{t('enabled')}</span>
        ) : (
          <span class="state state-bad">{t('disabled')}</span>
        )}
        {endpoint.disabledReason ? <p class="muted small">{endpoint.disabledReason}</p> : null}
        {endpoint.failingSince ? (
          <p class="muted small">
            {t('failingSince')} <DateTime iso={endpoint.failingSince} />
          </p>
        ) : null}
      </td>
      <td>
        <DateTime iso={endpoint.createdAt} />
      </td>
      <td>
        <div class="row">
          {confirming ? (
            <ConfirmDelete
              what={endpoint.url}
              busy={action.busy}
              onConfirm={() => void remove()}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <button type="button" class="danger" onClick={() => setConfirming(true)}>
              {t('delete')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
