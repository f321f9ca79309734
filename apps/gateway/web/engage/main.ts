/*
 * Reader-engagement widgets for portal pages. One dependency-free script, bundled from these sources:
 *
 *   <script src="https://engage.example/widgets/engage.js" defer></script>
 *   <div data-engage="poll" data-placement="sidebar" data-archive-url="/polls"></div>
 *   <div data-engage="poll-archive"></div>
 *
 * The API is the script's own origin unless the script tag has data-api. Russian by default;
 * data-locale="en" (on the widget or on the script tag) for English. Texts from editors and readers are
 * rendered as text only, never as HTML.
 */
import { SCRIPT_LOCALE } from './api/script-context';
import { injectStyle } from './dom/style';
import { localeOf, translator, type Translator } from './i18n/translator';
import { ArchiveWidget } from './polls/archive-widget';
import { PollWidget } from './polls/poll-widget';

interface Widget {
  start(): Promise<void>;
}

type WidgetFactory = (host: HTMLElement, t: Translator) => Widget;

const WIDGETS: Record<string, WidgetFactory> = {
  poll: (host, t) => new PollWidget(host, t),
  'poll-archive': (host, t) => new ArchiveWidget(host, t),
};

declare global {
  interface Window {
    Engage?: { version: number; scan(root?: ParentNode): void };
  }
}

/** Fills every widget placeholder not filled yet; other kinds are left for their own scripts. */
function scan(root?: ParentNode): void {
  const hosts = (root || document).querySelectorAll<HTMLElement>('[data-engage]');
  for (const host of Array.from(hosts)) {
    const kind = host.dataset.engage || '';
    const create = Object.prototype.hasOwnProperty.call(WIDGETS, kind) ? WIDGETS[kind] : undefined;
    if (!create || host.dataset.engageMounted) continue;
    host.dataset.engageMounted = 'true';
    injectStyle();
    const widget = create(host, translator(localeOf(host, SCRIPT_LOCALE)));
    widget.start().catch((error: unknown) => console.error('engage: widget failed', error));
  }
}

// A page that includes the script twice gets one set of widgets.
if (!(window.Engage && window.Engage.version)) {
  window.Engage = { version: 1, scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => scan());
  else scan();
}
