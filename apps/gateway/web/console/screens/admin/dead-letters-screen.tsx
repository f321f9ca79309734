import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ADMIN_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { navigate, queryOf } from '@web/console/router';
import { CursorPager, useCursorPaging } from '@web/console/ui/cursor-pager';
import { DateTime } from '@web/console/ui/date-time';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { ADMIN_MESSAGES } from './admin-messages';
import {
  SERVICES,
  type DeadLetterPage,
  type DeadLetterRedriveReply,
  type DeadLetterView,
  type ServiceName,
} from './admin-api';
import { DataTable } from '@web/console/ui/data-table';

function serviceOf(path: string): ServiceName {
  const named = queryOf(path).get('service');
  return SERVICES.find((service) => service === named) ?? SERVICES[0];
}

/** One service's events its consumers gave up on (the service in the URL); each can be handled again. */
export function DeadLettersScreen({ nav, path }: { nav: ComponentChildren; path: string }) {
  const t = useTexts(ADMIN_MESSAGES);
  const service = serviceOf(path);
  return (
    <section>
      <ScreenTitle>{t('deadLettersTitle')}</ScreenTitle>
      {nav}
      <div class="row filters">
        <label>
          {t('service')}
          <select
            name="service"
            value={service}
            onChange={(event) => navigate(`/admin/dead-letters?service=${event.currentTarget.value}`)}
          >
            {SERVICES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DeadLetterList key={service} service={service} />
    </section>
  );
}

function DeadLetterList({ service }: { service: ServiceName }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const paging = useCursorPaging();
  const loaded = useLoad(
    () => api.call<DeadLetterPage>(ADMIN_ROUTES.deadLetters, { query: { service, cursor: paging.cursor } }),
    [service, paging.cursor],
  );
  return (
    <LoadState loaded={loaded}>
      {(page) => (
        <>
          {page.items.length === 0 ? (
            <p class="muted">{t('noDeadLetters')}</p>
          ) : (
            <DataTable
              className="dead-letter-table"
              columns={[
                t('event'),
                t('consumer'),
                t('error'),
                t('deliveryCount'),
                t('failedAt'),
                t('actions'),
              ]}
            >
              {page.items.map((letter) => (
                <DeadLetterRow key={letter.id} letter={letter} onGone={() => loaded.reload()} />
              ))}
            </DataTable>
          )}
          <CursorPager paging={paging} nextCursor={page.nextCursor} />
        </>
      )}
    </LoadState>
  );
}

function DeadLetterRow({ letter, onGone }: { letter: DeadLetterView; onGone(): void }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api, notices } = useConsole();
  const [busy, setBusy] = useState(false);

  // Not useAction: the success notice depends on the answer (handled now, or handled before).
  async function redrive() {
    setBusy(true);
    try {
      const reply = await api.call<DeadLetterRedriveReply>(ADMIN_ROUTES.redrive, {
        params: { service: letter.service, id: letter.id },
      });
      notices.success(reply.outcome === 'already_handled' ? t('redrivenAlready') : t('redriven'));
    } catch (error) {
      notices.failure(error);
    } finally {
      setBusy(false);
    }
    // Gone, or still there with the new error and one more delivery: either way the list is read again.
    onGone();
  }

  return (
    <tr>
      <th scope="row">
        <code>{letter.type ?? t('notAnEvent')}</code>
        <p class="muted small cell-wrap">{letter.eventId}</p>
      </th>
      <td>
        <code>{letter.consumer}</code>
      </td>
      <td class="cell-wrap">{letter.error}</td>
      <td>{letter.deliveries}</td>
      <td>
        <DateTime iso={letter.failedAt} />
      </td>
      <td>
        <button type="button" disabled={busy} onClick={() => void redrive()}>
          {t('redrive')}
        </button>
      </td>
    </tr>
  );
}
