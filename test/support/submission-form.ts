/**
 * A reader's news as the reporter widget sends it (multipart): every field the form requires, consent
 * given, the honeypot left empty; `files` are attached as `files` parts.
 */
export function submissionForm(
  title: string,
  files: { bytes: Uint8Array; type: string; name: string }[] = [],
): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    title,
    body: 'Вода заливает подвал дома 12 с утра; аварийная служба не отвечает.',
    category: 'city',
    location: 'Садовая, 12',
    name: 'Мария Источникова',
    email: 'maria.source@example.test',
    consent: 'true',
    website: '',
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('files', new Blob([file.bytes], { type: file.type }), file.name);
  return form;
}
