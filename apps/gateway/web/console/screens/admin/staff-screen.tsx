import type { ComponentChildren } from 'preact';
import { ADMIN_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useSession, useTexts } from '@web/console/console-context';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { ADMIN_MESSAGES } from './admin-messages';
import type { StaffList } from './admin-api';
import { StaffForm } from './staff-form';
import { StaffRow } from './staff-row';
import { DataTable } from '@web/console/ui/data-table';

/** Every staff account (the API lists them whole), with their roles; a form for a new one. */
export function StaffScreen({ nav }: { nav: ComponentChildren }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const session = useSession();
  const loaded = useLoad(() => api.call<StaffList>(ADMIN_ROUTES.staff), []);
  return (
    <section>
      <ScreenTitle>{t('staffTitle')}</ScreenTitle>
      {nav}
      <StaffForm onCreated={() => loaded.reload()} />
      <LoadState loaded={loaded}>
        {(list) => (
          <DataTable
            className="staff-table"
            caption={t('staffList')}
            columns={[t('email'), t('roles'), t('language'), t('actions')]}
          >
            {list.items.map((account) => (
              <StaffRow
                key={account.id}
                account={account}
                isMe={account.email === session?.email.toLowerCase()}
                onChanged={() => loaded.reload()}
              />
            ))}
          </DataTable>
        )}
      </LoadState>
    </section>
  );
}
