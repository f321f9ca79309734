import type { ComponentChildren } from 'preact';
import type { DeliveryPage, DeliveryView } from '@app/contracts/notifications/notification.model';
import { ADMIN_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { navigate, queryOf } from '@web/console/router';
import { CursorPager, useCursorPaging } from '@web/console/ui/cursor-pager';
import { DateTime } from '@web/console/ui/date-time';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { useAction } from '@web/console/ui/use-action';
import { ADMIN_MESSAGES } from './admin-messages';
import { DELIVERY_FILTERS, type DeliveryFilter, type WebhookEndpointListView } from './admin-api';
import { DataTable } from '@web/console/ui/data-table';
import { useNamesOf, useRoster } from '@web/console/staff/roster';
import { recipientLabel, staffIdOf, type RecipientNames } from './delivery-recipient';

function filterOf(path: string): DeliveryFilter | null {
  const status = queryOf(path).get('status');
  return DELIVERY_FILTERS.find((known) => known === status) ?? null;
}

/** Every delivery of every channel with each attempt, by status (kept in the URL); a failed one is sent again. */
export function DeliveriesScreen({ nav, path }: { nav: ComponentChildren; path: string }) {
  const t = useTexts(ADMIN_MESSAGES);
  const status = filterOf(path);
  return (
    <section>
      <ScreenTitle>{t('deliveriesTitle')}</ScreenTitle>
      {nav}
      <div class="row filters">
        <label>
          {t('status')}
          <select
            name="status"
            value={status ?? ''}
            onChange={(event) => {
              const chosen = event.currentTarget.value;
              navigate(chosen ? `/admin/deliveries?status=${chosen}` : '/admin/deliveries');
            }}
          >
            <option value="">{t('statusAll')}</option>
            {DELIVERY_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {t(`status.${filter}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DeliveryList key={status ?? 'all'} status={status} />
    </section>
  );
}

function DeliveryList({ status }: { status: DeliveryFilter | null }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const paging = useCursorPaging();
  const loaded = useLoad(
    () =>
      api.call<DeliveryPage>(ADMIN_ROUTES.deliveries, {
        query: { status: status ?? undefined, cursor: paging.cursor },
      }),
    [status, paging.cursor],
  );
  const names = useRecipientNames(loaded.data?.items ?? []);
  return (
    <LoadState loaded={loaded}>
      {(page) => (
        <>
          {page.items.length === 0 ? (
            <p class="muted">{t('noDeliveries')}</p>
          ) : (
            <DataTable
              className="delivery-table"
              columns={[t('event'), t('channel'), t('recipient'), t('status'), t('attempts'), t('actions')]}
            >
              {page.items.map((delivery) => (
                <DeliveryRow
                  key={delivery.id}
                  delivery={delivery}
                  names={names}
                  onRetried={() => loaded.reload()}
                />
              ))}
            </DataTable>
          )}
          <CursorPager paging={paging} nextCursor={page.nextCursor} />
        </>
      )}
    </LoadState>
  );
}

/**
 * Colleagues' emails (the roster, read again for a colleague who joined since) and the endpoints'
 * addresses, read once for the list; until they arrive, or if they cannot be read, recipients show as
 * their keys.
 */
function useRecipientNames(deliveries: readonly DeliveryView[]): RecipientNames {
  const { api } = useConsole();
  const roster = useRoster();
  useNamesOf(
    roster,
    deliveries.flatMap(({ recipient }) => staffIdOf(recipient) ?? []),
  );
  const webhooks = useLoad(() => api.call<WebhookEndpointListView>(ADMIN_ROUTES.webhooks), [api]);
  const urls = new Map((webhooks.data?.items ?? []).map((endpoint) => [endpoint.id, endpoint.url]));
  return { staff: roster.nameOf, webhook: (id) => urls.get(id) };
}

function DeliveryRow({
  delivery,
  names,
  onRetried,
}: {
  delivery: DeliveryView;
  names: RecipientNames;
  onRetried(): void;
}) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const action = useAction();

  async function retry() {
    const done = await action.run(
      () => api.call(ADMIN_ROUTES.retryDelivery, { params: { id: delivery.id } }),
      t('retried'),
    );
    if (done) onRetried();
  }

  return (
    <tr>
      <th scope="row">
        <code>{delivery.eventType}</code>
        <p class="muted small">
          <DateTime iso={delivery.createdAt} />
        </p>
      </th>
      <td>{delivery.channel}</td>
      <td class="cell-wrap delivery-recipient">
        <code title={delivery.recipient}>{recipientLabel(delivery.recipient, names)}</code>
      </td>
      <td>
        <span class={`state state-${delivery.status}`}>{t(`status.${delivery.status}`)}</span>
        {delivery.nextAttemptAt && delivery.status === 'pending' ? (
          <p class="muted small">
            {t('nextAttempt')} <DateTime iso={delivery.nextAttemptAt} />
          </p>
        ) : null}
      </td>
      <td>
        {delivery.attempts.length === 0 ? (
          <span class="muted">{t('noAttempts')}</span>
        ) : (
          <details>
            <summary>{t('attemptsCount', { count: delivery.attempts.length })}</summary>
            <ol class="attempts">
              {delivery.attempts.map((attempt, index) => (
                <li key={index}>
                  <DateTime iso={attempt.at} /> <span class="tag">{attempt.outcome}</span>{' '}
                  <span class="cell-wrap">{attempt.detail}</span>
                </li>
              ))}
            </ol>
          </details>
        )}
      </td>
      <td>
        {delivery.status === 'failed' ? (
          <button type="button" disabled={action.busy} onClick={() => void retry()}>
            {t('retry')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
