import type { ContactCipher } from './contact-cipher';

/** Where each encrypted value lives: its associated data, so a value moved elsewhere does not decrypt. */
export const contactContext = (submissionId: string, field: string): string =>
  `submission:${submissionId}:${field}`;
export const fileNameContext = (attachmentId: string): string => `attachment:${attachmentId}:file_name`;
export const receiptContext = (keyHash: string): string => `idempotency:${keyHash}:tracking_code`;

export interface ContactPlaintext {
  name: string;
  email: string | null;
  phone: string | null;
  location: string | null;
}

export interface ContactColumns {
  contactKeyId: string;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  contactLocation: string | null;
}

export function encryptContact(
  cipher: ContactCipher,
  submissionId: string,
  contact: ContactPlaintext,
): ContactColumns {
  const seal = (value: string | null, field: string) =>
    value === null ? null : cipher.encrypt(value, contactContext(submissionId, field));
  return {
    contactKeyId: cipher.currentKeyId,
    contactName: cipher.encrypt(contact.name, contactContext(submissionId, 'name')),
    contactEmail: seal(contact.email, 'email'),
    contactPhone: seal(contact.phone, 'phone'),
    contactLocation: seal(contact.location, 'location'),
  };
}

export function decryptContact(
  cipher: ContactCipher,
  submissionId: string,
  columns: Omit<ContactColumns, 'contactKeyId'>,
): ContactPlaintext {
  const open = (value: string | null, field: string) =>
    value === null ? null : cipher.decrypt(value, contactContext(submissionId, field));
  return {
    name: cipher.decrypt(columns.contactName, contactContext(submissionId, 'name')),
    email: open(columns.contactEmail, 'email'),
    phone: open(columns.contactPhone, 'phone'),
    location: open(columns.contactLocation, 'location'),
  };
}
