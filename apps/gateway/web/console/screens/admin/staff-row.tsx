import { useState } from 'preact/hooks';
import type { Role } from '@app/contracts/identity/roles';
import { ADMIN_ROUTES } from '@web/console/api/routes';
import { useConsole, useTexts } from '@web/console/console-context';
import { useAction } from '@web/console/ui/use-action';
import { ADMIN_MESSAGES } from './admin-messages';
import type { StaffAccount } from './admin-api';
import { ConfirmDelete } from './confirm-delete';
import { RoleChoice } from './role-choice';

/** One account: its roles changed in place, or deleted after a second, explicit click. */
export function StaffRow({
  account,
  isMe,
  onChanged,
}: {
  account: StaffAccount;
  isMe: boolean;
  onChanged(): void;
}) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const action = useAction();
  const [mode, setMode] = useState<'view' | 'roles' | 'delete'>('view');
  const [roles, setRoles] = useState<Role[]>(account.roles);

  async function saveRoles() {
    const done = await action.run(
      () =>
        api.call<StaffAccount>(ADMIN_ROUTES.changeStaffRoles, {
          params: { id: account.id },
          body: { roles },
        }),
      t('rolesSaved', { email: account.email }),
    );
    if (done) {
      setMode('view');
      onChanged();
    }
  }

  async function remove() {
    const done = await action.run(
      () => api.call(ADMIN_ROUTES.deleteStaff, { params: { id: account.id } }),
      t('staffDeleted', { email: account.email }),
    );
    if (done) onChanged();
    else setMode('view');
  }

  return (
    <tr>
      <th scope="row" class="cell-wrap">
        {account.email} {isMe ? <span class="muted">{t('you')}</span> : null}
      </th>
      <td>
        {mode === 'roles' ? (
          <RoleChoice
            legend={t('rolesOf', { email: account.email })}
            name={`roles-${account.id}`}
            chosen={roles}
            onChange={setRoles}
          />
        ) : (
          <span class="tags">
            {account.roles.map((role) => (
              <span key={role} class="tag">
                {t(`role.${role}`)}
              </span>
            ))}
          </span>
        )}
      </td>
      <td>{account.locale === 'en' ? t('localeEn') : t('localeRu')}</td>
      <td>
        <div class="row">
          {mode === 'view' ? (
            <>
              <button
                type="button"
                onClick={() => {
                  setRoles(account.roles);
                  setMode('roles');
                }}
              >
                {t('editRoles')}
              </button>
              <button type="button" class="danger" onClick={() => setMode('delete')}>
                {t('delete')}
              </button>
            </>
          ) : null}
          {mode === 'roles' ? (
            <>
              <button
                type="button"
                class="primary"
                disabled={action.busy || roles.length === 0}
                onClick={() => void saveRoles()}
              >
                {t('saveRoles')}
              </button>
              <button type="button" onClick={() => setMode('view')}>
                {t('cancel')}
              </button>
            </>
          ) : null}
          {mode === 'delete' ? (
            <ConfirmDelete
              what={account.email}
              busy={action.busy}
              onConfirm={() => void remove()}
              onCancel={() => setMode('view')}
            />
          ) : null}
        </div>
      </td>
    </tr>
  );
}
