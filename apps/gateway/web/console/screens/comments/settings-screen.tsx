import type { CommentSettingsView } from '@app/contracts/comments/comment.model';
import { COMMENT_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { hrefOf } from '@web/console/router';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { ArticleSettingsForm } from './article-settings-form';
import { COMMENTS_MESSAGES } from './comments-messages';
import { SiteSettingsForm } from './site-settings-form';

/** The site's moderation rules, and one article's discussion. */
export function SettingsScreen() {
  const t = useTexts(COMMENTS_MESSAGES);
  const { api } = useConsole();
  const loaded = useLoad(() => api.call<CommentSettingsView>(COMMENT_ROUTES.settings), []);
  return (
    <section>
      <ScreenTitle actions={<a href={hrefOf('/comments/pending')}>{t('backToQueue')}</a>}>
        {t('settingsTitle')}
      </ScreenTitle>
      <h2>{t('siteSettings')}</h2>
      <LoadState loaded={loaded}>{(settings) => <SiteSettingsForm initial={settings} />}</LoadState>
      <h2>{t('articleSettings')}</h2>
      <ArticleSettingsForm />
    </section>
  );
}
