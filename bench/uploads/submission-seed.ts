import { SUBMISSION_CATEGORIES } from '@app/contracts';

const WORDS = ['пожар', 'авария', 'ремонт', 'автобус', 'двор', 'школа', 'парк', 'мост', 'вода', 'свет'];

/**
 * Seeds the desk of scenario (k) the honest way: `count` text submissions posted through the gateway,
 * as readers send them (each from an address of its own, spread over the categories), so every row,
 * encrypted contact, index entry and outbox event is what the service itself wrote.
 */
export async function seedSubmissions(baseUrl: string, count: number, concurrency = 16): Promise<void> {
  let next = 0;
  const post = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      const form = new FormData();
      form.append('title', `Сообщение ${n}: ${WORDS[n % WORDS.length]} на улице ${n % 97}`);
      form.append('body', `Читатель сообщает: ${WORDS[(n * 7) % WORDS.length]} у дома ${n % 211}.`);
      form.append('category', SUBMISSION_CATEGORIES[n % SUBMISSION_CATEGORIES.length]);
      form.append('name', `Читатель ${n}`);
      form.append('phone', `+7 900 ${String(n).padStart(7, '0')}`);
      form.append('consent', 'true');
      const response = await fetch(`${baseUrl}/api/v1/submissions`, {
        method: 'POST',
        body: form,
        headers: { 'x-forwarded-for': `10.251.${(n >> 8) & 255}.${n & 255}` },
      });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`seeding submission ${n}: ${response.status} ${text}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, post));
}
