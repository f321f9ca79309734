import { SMTPServer } from 'smtp-server';
import { subjectOf } from './mail-subject';

/** What the SMTP listener process tells the bench. */
export type SmtpChildMessage = { port: number } | { received: { subject: string; at: number }[] };

/**
 * The bench's SMTP listener: a real SMTP server in a process of its own, so that taking mail does not
 * queue behind the bench's publisher. It reads only each message's subject (the bench's key is in it),
 * and reports them with the time each message was taken, a few at a time.
 */
function main(): void {
  let received: { subject: string; at: number }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ subject: subjectOf(Buffer.concat(chunks).toString('latin1')) ?? '', at: Date.now() });
        callback();
      });
    },
  });
  // A sender that resets its connection is no reason to stop.
  server.on('error', () => undefined);
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    process.send?.({
      port: typeof address === 'object' && address ? address.port : 0,
    } satisfies SmtpChildMessage);
  });
  const report = setInterval(() => {
    if (received.length === 0) return;
    process.send?.({ received } satisfies SmtpChildMessage);
    received = [];
  }, 5);
  process.once('SIGTERM', () => {
    clearInterval(report);
    server.close(() => process.exit(0));
  });
}

main();
