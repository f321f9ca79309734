import { SmtpListener } from '@test/support/smtp-listener';

/** What the SMTP listener process tells the bench. */
export type SmtpChildMessage = { port: number } | { received: { subject: string; at: number }[] };

/**
 * The bench's SMTP listener in a process of its own: parsing every message is real work, and on the
 * bench's own thread it would queue behind the publisher and make the service look slower than it is.
 * It reports each message's subject with the time it was taken, a few at a time.
 */
async function main(): Promise<void> {
  const smtp = await new SmtpListener().start();
  process.send?.({ port: smtp.port } satisfies SmtpChildMessage);
  let seen = 0;
  const report = setInterval(() => {
    if (seen === smtp.received.length) return;
    const at = Date.now();
    const received = smtp.received.slice(seen).map((mail) => ({ subject: mail.subject ?? '', at }));
    seen = smtp.received.length;
    process.send?.({ received } satisfies SmtpChildMessage);
  }, 5);
  process.once('SIGTERM', () => {
    clearInterval(report);
    void smtp.stop().finally(() => process.exit(0));
  });
}

void main();
