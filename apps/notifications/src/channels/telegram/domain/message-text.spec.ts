import { TELEGRAM_TEXT_MAX, telegramText } from './message-text';

describe('telegramText', () => {
  it('puts the subject above the body', () => {
    expect(telegramText('Новый комментарий', 'Текст')).toBe('Новый комментарий\n\nТекст');
  });

  it('keeps a text that is exactly at the limit and cuts one over it', () => {
    const exact = 'я'.repeat(TELEGRAM_TEXT_MAX);
    expect(telegramText('', exact)).toBe(exact);
    expect(telegramText('', `${exact}я`)).toBe(`${'я'.repeat(TELEGRAM_TEXT_MAX - 1)}…`);
  });

  it('counts UTF-16 units and never cuts a character in half', () => {
    const cut = telegramText('', '😀'.repeat(TELEGRAM_TEXT_MAX));
    expect(cut.length).toBeLessThanOrEqual(TELEGRAM_TEXT_MAX);
    expect(cut).toBe(`${'😀'.repeat((TELEGRAM_TEXT_MAX - 2) / 2)}…`);
  });
});
