/*
 * Reader-engagement widgets for portal pages. One dependency-free script, bundled from these sources:
 *
 *   <script src="https://engage.example/widgets/engage.js" defer></script>
 *   <div data-engage="poll" data-placement="sidebar" data-archive-url="/polls"></div>
 *   <div data-engage="poll-archive"></div>
 *   <div data-engage="comments" data-article-id="..." data-article-title="..."></div>
 *   <span data-engage="comment-count" data-article-id="...">0</span>
 *   <div data-engage="reporter"></div>
 *
 * A reader signed in on the portal: data-portal-token="<the portal's JWT>" on the script tag, or
 * Engage.signIn(token) / Engage.signOut() at any time; comments then go under the portal's name.
 *
 * The API is the script's own origin unless the script tag has data-api. Russian by default;
 * data-locale="en" (on the widget or on the script tag) for English. Texts from editors and readers are
 * rendered as text only, never as HTML.
 */
import { setPortalToken } from './api/portal-session';
import { SCRIPT_LOCALE } from './api/script-context';
import { mountCounters } from './comments/comment-counters';
import { CommentsWidget } from './comments/comments-widget';
import { injectStyle } from './dom/style';
import { localeOf, translator, type Locale } from '@web/shared/i18n/translator';
import { ArchiveWidget } from './polls/archive-widget';
import { POLL_MESSAGES } from './polls/poll-messages';
import { PollWidget } from './polls/poll-widget';
import { ReporterWidget } from './reporter/reporter-widget';

interface Widget {
  start(): Promise<void>;
}

type WidgetFactory = (host: HTMLElement, locale: Locale) => Widget;

const WIDGETS: Record<string, WidgetFactory> = {
  poll: (host, locale) => new PollWidget(host, translator(POLL_MESSAGES, locale)),
  'poll-archive': (host, locale) => new ArchiveWidget(host, translator(POLL_MESSAGES, locale)),
  comments: (host, locale) => new CommentsWidget(host, locale),
  reporter: (host, locale) => new ReporterWidget(host, locale),
};

/** Counters are filled together, one counts call for all of them, not one widget each. */
const COUNTER = 'comment-count';

declare global {
  interface Window {
    Engage?: {
      version: number;
      scan(root?: ParentNode): void;
      /** A reader signed in on the portal: its JWT, verified by the gateway. */
      signIn(portalToken: string): void;
      signOut(): void;
    };
  }
}

/** Fills every widget placeholder not filled yet; other kinds are left for their own scripts. */
function scan(root?: ParentNode): void {
  const hosts = (root || document).querySelectorAll<HTMLElement>('[data-engage]');
  const counters: HTMLElement[] = [];
  for (const host of Array.from(hosts)) {
    const kind = host.dataset.engage || '';
    if (kind === COUNTER && !host.dataset.engageMounted) {
      host.dataset.engageMounted = 'true';
      counters.push(host);
      continue;
    }
    const create = Object.prototype.hasOwnProperty.call(WIDGETS, kind) ? WIDGETS[kind] : undefined;
    if (!create || host.dataset.engageMounted) continue;
    host.dataset.engageMounted = 'true';
    injectStyle();
    const widget = create(host, localeOf(host, SCRIPT_LOCALE));
    widget.start().catch((error: unknown) => console.error('engage: widget failed', error));
  }
  if (counters.length > 0) {
    mountCounters(counters).catch((error: unknown) => console.error('engage: counters failed', error));
  }
}

// A page that includes the script twice gets one set of widgets.
if (!(window.Engage && window.Engage.version)) {
  window.Engage = {
    version: 1,
    scan,
    signIn: (portalToken) => setPortalToken(portalToken),
    signOut: () => setPortalToken(null),
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => scan());
  else scan();
}
