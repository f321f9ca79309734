import MailComposer from 'nodemailer/lib/mail-composer';
import { subjectOf } from './mail-subject';

describe('subjectOf', () => {
  it('reads a subject as a mail client shows it, however the sender encoded and folded it', async () => {
    const subject = `Опрос закрыт: «Чай или кофе?» bench-${'0123abcd-'.repeat(4)}end — итоги`;
    const raw = await new MailComposer({ from: 'a@b.test', to: 'c@d.test', subject, text: 'x' })
      .compile()
      .build();
    expect(subjectOf(raw.toString('latin1'))).toBe(subject);
  });

  it('takes plain, B and Q words, and ignores the body', () => {
    expect(subjectOf('Subject: plain words\r\n\r\nSubject: not this')).toBe('plain words');
    expect(subjectOf('To: x\r\nSubject: =?UTF-8?B?0J/RgNC40LLQtdGC?= mir\r\n\r\n')).toBe('Привет mir');
    expect(subjectOf('Subject: =?ISO-8859-1?Q?caf=E9_ol=E9?=\r\n\r\n')).toBe('café olé');
    expect(subjectOf('From: x\r\n\r\nbody')).toBeUndefined();
  });
});
