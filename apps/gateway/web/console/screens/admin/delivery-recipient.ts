/** What names a delivery's recipient for an admin: colleagues by email, webhook endpoints by address. */
export interface RecipientNames {
  staff(staffId: string): string;
  webhook(endpointId: string): string | undefined;
}

/**
 * A delivery's recipient key (`staff:<id>`, `webhook:<id>`, `reader:<hash prefix>`, `submitter:<id>`)
 * as an admin knows it. Readers and submitters keep their key: the console holds no address of theirs.
 * A colleague or an endpoint since removed keeps it too.
 */
export function recipientLabel(recipient: string, names: RecipientNames): string {
  const colon = recipient.indexOf(':');
  if (colon < 0) return recipient;
  const kind = recipient.slice(0, colon);
  const id = recipient.slice(colon + 1);
  if (kind === 'staff') {
    const email = names.staff(id);
    return email === id ? recipient : email;
  }
  if (kind === 'webhook') return names.webhook(id) ?? recipient;
  return recipient;
}
