import type { SendOutcome } from '../delivery-channel';

/** What an SMTP error says about trying again (RFC 5321 §4.2.1: 4yz transient, 5yz permanent). */
export function outcomeOfSmtpError(responseCode: number | undefined, detail: string): SendOutcome {
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
    return { kind: 'failed', detail };
  }
  // 4yz, and anything without a reply code (a refused connection, a timeout): the server may be back.
  return { kind: 'retry', detail };
}
