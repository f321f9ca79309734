import { useState } from 'preact/hooks';
import type { ArticleCommentSettingsView, ModerationMode } from '@app/contracts/comments/comment.model';
import { COMMENT_ROUTES } from '@web/console/api/routes';
import { useConsole, useTexts } from '@web/console/console-context';
import { useAction } from '@web/console/ui/use-action';
import { COMMENTS_MESSAGES } from './comments-messages';

/** One article's discussion: found by its id, then opened or closed and given its own mode. */
export function ArticleSettingsForm() {
  const t = useTexts(COMMENTS_MESSAGES);
  const { api, notices } = useConsole();
  const [finding, setFinding] = useState(false);
  const saving = useAction();
  const [articleId, setArticleId] = useState('');
  const [found, setFound] = useState<ArticleCommentSettingsView | null>(null);
  const [closed, setClosed] = useState(false);
  const [mode, setMode] = useState<ModerationMode | ''>('');

  function show(settings: ArticleCommentSettingsView) {
    setFound(settings);
    setClosed(settings.closed);
    setMode(settings.mode ?? '');
  }

  async function find(event: Event) {
    event.preventDefault();
    // A look-up, not a change: only a failure is told.
    setFinding(true);
    try {
      show(
        await api.call<ArticleCommentSettingsView>(COMMENT_ROUTES.articleSettings, {
          params: { articleId: articleId.trim() },
        }),
      );
    } catch (error) {
      setFound(null);
      notices.failure(error);
    } finally {
      setFinding(false);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    if (!found) return;
    let settings: ArticleCommentSettingsView | null = null;
    const ok = await saving.run(async () => {
      settings = await api.call<ArticleCommentSettingsView>(COMMENT_ROUTES.updateArticleSettings, {
        params: { articleId: found.articleId },
        body: { closed, mode: mode === '' ? null : mode },
      });
    }, t('articleSaved'));
    if (ok && settings) show(settings);
  }

  return (
    <div class="stack">
      <form class="row article-find" onSubmit={(event) => void find(event)}>
        <label>
          {t('articleId')}
          <input
            name="articleId"
            required
            maxLength={128}
            value={articleId}
            onInput={(event) => setArticleId(event.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={finding}>
          {t('openArticle')}
        </button>
      </form>
      {found ? (
        <form class="stack card" aria-label={found.articleId} onSubmit={(event) => void save(event)}>
          <p>
            <code>{found.articleId}</code> ·{' '}
            {found.closesAt ? t('closesAt', { at: t.dateTime(found.closesAt) }) : t('neverCloses')}
          </p>
          <label class="inline">
            <input
              type="checkbox"
              checked={closed}
              onChange={(event) => setClosed(event.currentTarget.checked)}
            />
            {t('articleClosed')}
          </label>
          <label>
            {t('articleMode')}
            <select
              value={mode}
              onChange={(event) => setMode(event.currentTarget.value as ModerationMode | '')}
            >
              <option value="">{t('articleModeSite')}</option>
              <option value="pre">{t('modePre')}</option>
              <option value="post">{t('modePost')}</option>
            </select>
          </label>
          <div class="row">
            <button type="submit" class="primary" disabled={saving.busy}>
              {t('save')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
