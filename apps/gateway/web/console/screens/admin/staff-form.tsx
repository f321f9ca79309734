import { useState } from 'preact/hooks';
import type { Role } from '@app/contracts/identity/roles';
import { ADMIN_ROUTES } from '@web/console/api/routes';
import { ApiFailure } from '@web/console/api/staff-api';
import { useConsole, useTexts } from '@web/console/console-context';
import { useAction } from '@web/console/ui/use-action';
import { ADMIN_MESSAGES } from './admin-messages';
import type { StaffAccount } from './admin-api';
import { describedBy, Field } from './field';
import { RoleChoice } from './role-choice';

/** A new staff account: email, a first password, roles and the language of their notifications. */
export function StaffForm({ onCreated }: { onCreated(): void }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const action = useAction();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['moderator']);
  const [locale, setLocale] = useState<'ru' | 'en'>('ru');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: Event) {
    event.preventDefault();
    if (roles.length === 0) {
      setErrors({ roles: t('pickRole') });
      return;
    }
    const address = email.trim();
    setErrors({});
    const done = await action.run(
      async () => {
        try {
          await api.call<StaffAccount>(ADMIN_ROUTES.createStaff, {
            body: { email: address, password, roles, locale },
          });
        } catch (error) {
          if (error instanceof ApiFailure) setErrors(error.fieldErrors());
          throw error;
        }
      },
      t('staffCreated', { email: address }),
    );
    if (!done) return;
    setEmail('');
    setPassword('');
    setRoles(['moderator']);
    onCreated();
  }

  return (
    <form class="admin-form card" onSubmit={(event) => void submit(event)} aria-labelledby="new-staff-title">
      <h2 id="new-staff-title">{t('newStaff')}</h2>
      <div class="form-grid">
        <Field id="new-staff-email" label={t('email')} error={errors.email}>
          <input
            id="new-staff-email"
            type="email"
            name="email"
            autoComplete="off"
            required
            maxLength={254}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy('new-staff-email', false, errors.email)}
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </Field>
        <Field id="new-staff-password" label={t('password')} hint={t('passwordHint')} error={errors.password}>
          <input
            id="new-staff-password"
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={12}
            maxLength={256}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={describedBy('new-staff-password', true, errors.password)}
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </Field>
        <Field id="new-staff-locale" label={t('language')}>
          <select
            id="new-staff-locale"
            name="locale"
            value={locale}
            onChange={(event) => setLocale(event.currentTarget.value === 'en' ? 'en' : 'ru')}
          >
            <option value="ru">{t('localeRu')}</option>
            <option value="en">{t('localeEn')}</option>
          </select>
        </Field>
      </div>
      <RoleChoice legend={t('roles')} name="roles" chosen={roles} onChange={setRoles} error={errors.roles} />
      <div class="row form-actions">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('create')}
        </button>
      </div>
    </form>
  );
}
