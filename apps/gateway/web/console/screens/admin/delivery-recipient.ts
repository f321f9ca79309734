/** What names a delivery's recipient for an admin: colleagues by email, webhook endpoints by address. */
export interface RecipientNames {
  staff(staffId: string): string;
  webhook(endpointId: string): string | undefined;
}

/** A recipient key's kind (`staff`, `webhook`, `reader`, `submitter`) and id. */
function partsOf(recipient: string): { kind: string; id: string } | null {
  const colon = recipient.indexOf(':');
  return colon < 0 ? null : { kind: recipient.slice(0, colon), id: recipient.slice(colon + 1) };
}

/** The colleague's id of a `staff:<id>` recipient; null for any other. */
export function staffIdOf(recipient: string): string | null {
  const parts = partsOf(recipient);
  return parts?.kind === 'staff' ? parts.id : null;
}

/**
 * A delivery's recipient key (`staff:<id>`, `webhook:<id>`, `reader:<hash prefix>`, `submitter:<id>`)
 * as an admin knows it. Readers and submitters keep their key: the console holds no address of theirs.
 * A colleague or an endpoint since removed keeps it too.
 */
export function recipientLabel(recipient: string, names: RecipientNames): string {
  const parts = partsOf(recipient);
  if (parts?.kind === 'staff') {
    const email = names.staff(parts.id);
    return email === parts.id ? recipient : email;
  }
  if (parts?.kind === 'webhook') return names.webhook(parts.id) ?? recipient;
  return recipient;
}
