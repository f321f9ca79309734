import { useState } from 'preact/hooks';
import { IDENTITY_ROUTES } from '../api/routes';
import { ApiFailure } from '../api/staff-api';
import { useConsole, useTexts } from '../console-context';
import { SHELL_MESSAGES } from '../i18n/shell-messages';
import type { Role } from '@app/contracts/identity/roles';

interface LoginReply {
  accessToken: string;
  expiresIn: number;
  roles: Role[];
}

/** Email and password; the server's refusal (wrong password, too many attempts) is shown as it says it. */
export function LoginScreen({ ended }: { ended: boolean }) {
  const { api, sessions } = useConsole();
  const t = useTexts(SHELL_MESSAGES);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const reply = await api.call<LoginReply>(IDENTITY_ROUTES.login, {
        body: { email: email.trim(), password },
      });
      sessions.signIn({
        token: reply.accessToken,
        email: email.trim(),
        roles: reply.roles,
        expiresAt: Date.now() + reply.expiresIn * 1000,
      });
    } catch (error) {
      setFailure(error instanceof ApiFailure ? error.message : t('unexpected'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="login-form" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">{t('loginTitle')}</h1>
        {ended && !failure ? <p class="login-note">{t('sessionEnded')}</p> : null}
        <label>
          {t('email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        {failure ? (
          <p class="form-failure" role="alert">
            {failure}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('loggingIn') : t('logIn')}
        </button>
      </form>
    </main>
  );
}
