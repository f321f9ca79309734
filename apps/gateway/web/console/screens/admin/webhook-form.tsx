import { useState } from 'preact/hooks';
import { ADMIN_ROUTES } from '@web/console/api/routes';
import { ApiFailure } from '@web/console/api/staff-api';
import { useConsole, useTexts } from '@web/console/console-context';
import { useAction } from '@web/console/ui/use-action';
import { ADMIN_MESSAGES } from './admin-messages';
import { describedBy, Field } from './field';
import { WEBHOOK_EVENTS, type CreatedWebhookEndpointView, type WebhookEventType } from './admin-api';

/** A new endpoint: its URL, the events it receives, and a secret of one's own if wanted. */
export function WebhookForm({ onCreated }: { onCreated(created: CreatedWebhookEndpointView): void }) {
  const t = useTexts(ADMIN_MESSAGES);
  const { api } = useConsole();
  const action = useAction();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: Event) {
    event.preventDefault();
    if (events.length === 0) {
      setErrors({ events: t('pickEvent') });
      return;
    }
    setErrors({});
    let created: CreatedWebhookEndpointView | null = null;
    const done = await action.run(async () => {
      try {
        created = await api.call<CreatedWebhookEndpointView>(ADMIN_ROUTES.createWebhook, {
          body: { url: url.trim(), events, ...(secret.trim() ? { secret: secret.trim() } : {}) },
        });
      } catch (error) {
        if (error instanceof ApiFailure) setErrors(error.fieldErrors());
        throw error;
      }
    }, t('webhookCreated'));
    if (!done || !created) return;
    setUrl('');
    setEvents([]);
    setSecret('');
    onCreated(created);
  }

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((current) => WEBHOOK_EVENTS.filter((e) => (e === type ? on : current.includes(e))));

  return (
    <form
      class="admin-form card"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="new-webhook-title"
    >
      <h2 id="new-webhook-title">{t('newWebhook')}</h2>
      <Field id="new-webhook-url" label={t('url')} hint={t('urlHint')} error={errors.url}>
        <input
          id="new-webhook-url"
          type="url"
          name="url"
          required
          maxLength={2000}
          placeholder="https://"
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={describedBy('new-webhook-url', true, errors.url)}
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
      </Field>
      <fieldset class="choices">
        <legend>{t('events')}</legend>
        {WEBHOOK_EVENTS.map((type) => (
          <label key={type} class="inline">
            <input
              type="checkbox"
              name="events"
              value={type}
              checked={events.includes(type)}
              onChange={(event) => toggle(type, event.currentTarget.checked)}
            />
            {t(`event.${type}`)} <code class="muted">{type}</code>
          </label>
        ))}
        {errors.events ? <p class="field-error">{errors.events}</p> : null}
      </fieldset>
      <Field id="new-webhook-secret" label={t('secret')} hint={t('secretHint')} error={errors.secret}>
        <input
          id="new-webhook-secret"
          type="text"
          name="secret"
          autoComplete="off"
          spellcheck={false}
          aria-invalid={errors.secret ? true : undefined}
          aria-describedby={describedBy('new-webhook-secret', true, errors.secret)}
          value={secret}
          onInput={(event) => setSecret(event.currentTarget.value)}
        />
      </Field>
      <div class="row form-actions">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('create')}
        </button>
      </div>
    </form>
  );
}
