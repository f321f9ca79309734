import { LOCALES, TEMPLATE_NAMES, TemplateName, TemplateStore } from './template-store';
import type { TemplateScope } from '../domain/template-engine';

const HOSTILE = '<script>alert("x")</script> & Ко';

/** Values every template may use, each carrying markup that must come out escaped in HTML. */
const SAMPLES: Record<TemplateName, TemplateScope> = {
  'comment-reply': {
    name: HOSTILE,
    authorName: HOSTILE,
    articleTitle: HOSTILE,
    articleUrl: 'https://portal.example/a?x=1&y=2',
    unsubscribeUrl: 'https://engage.example/api/v1/unsubscribe?token=abc.def',
  },
  'comment-held': { articleId: HOSTILE, reasons: HOSTILE },
  'comment-flagged': { articleId: HOSTILE, flags: 3, reasons: HOSTILE },
  'moderation-digest': {
    count: 2,
    consoleUrl: 'https://engage.example/console/',
    items: [
      { label: HOSTILE, articleId: HOSTILE, detail: HOSTILE },
      { label: 'flagged', articleId: 'a-2', detail: 'spam' },
    ],
  },
  'submission-received': { category: HOSTILE, consoleUrl: 'https://engage.example/console/' },
  'submission-message': { consoleUrl: 'https://engage.example/console/' },
  'submission-confirmation': {
    name: HOSTILE,
    trackingCode: 'ABCD-EFGH-IJKL',
  },
  'submission-status': { name: HOSTILE, statusLabel: HOSTILE, message: HOSTILE },
  'poll-closed': {
    question: HOSTILE,
    totalVotes: 10,
    totalVoters: 9,
    options: [{ text: HOSTILE, votes: 10, percent: 100 }],
  },
  'telegram-unlinked': {},
  'webhook-disabled': { url: HOSTILE, reason: HOSTILE },
};

describe('the notification templates', () => {
  const store = new TemplateStore();
  const cases = TEMPLATE_NAMES.flatMap((name) => LOCALES.map((locale) => [name, locale] as const));

  it.each(cases)('%s renders in %s with every value in place and escaped in HTML', (name, locale) => {
    const message = store.render(name, locale, SAMPLES[name]);
    expect(message.subject.length).toBeGreaterThan(0);
    expect(message.subject).not.toContain('\n');
    for (const part of [message.subject, message.text, message.html ?? '']) {
      expect(part).not.toMatch(/\{\{|\}\}/);
    }
    if (message.html) {
      expect(message.html).not.toContain('<script>');
      expect(message.html).not.toContain('& Ко');
      if (JSON.stringify(SAMPLES[name]).includes('<script>')) {
        expect(message.html + message.text).toContain('&lt;script&gt;');
      }
    }
  });

  it('sends every email notice with an HTML part', () => {
    for (const name of TEMPLATE_NAMES.filter(
      (n) => !['comment-held', 'comment-flagged', 'telegram-unlinked', 'webhook-disabled'].includes(n),
    )) {
      for (const locale of LOCALES) expect(store.render(name, locale, SAMPLES[name]).html).toBeDefined();
    }
  });

  it('writes Russian by default and English when asked', () => {
    expect(store.render('poll-closed', 'ru', SAMPLES['poll-closed']).text).toContain('Опрос');
    expect(store.render('poll-closed', 'en', SAMPLES['poll-closed']).text).toContain('The poll');
  });

  it('leaves out a section whose value is missing', () => {
    const { text } = store.render('submission-confirmation', 'en', { name: 'Ann', trackingCode: null });
    expect(text).not.toContain('Tracking code');
  });
});
