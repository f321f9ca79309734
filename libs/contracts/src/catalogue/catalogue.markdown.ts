import { eventCatalogue, eventTypeOf } from '../events/event-type';
import { subscriptionCatalogue } from '../events/event-subscription';
import { rpcCatalogue } from '../rpc/rpc-operation';

export const CATALOGUE_START = '<!-- catalogue:start (npm run catalogue writes this part) -->';
export const CATALOGUE_END = '<!-- catalogue:end -->';

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const code = (text: string) => `\`${text}\``;

/**
 * The README's tables of request-reply operations and events, made from the declarations in the
 * contracts, so the documentation cannot drift from what the code binds to.
 */
export function catalogueMarkdown(): string {
  const operations = table(
    ['Subject', 'Request', 'Reply', 'Answered by'],
    rpcCatalogue().map((operation) => [
      code(operation.subject),
      code(operation.request.name),
      code(operation.replyName),
      operation.service,
    ]),
  );
  const consumersOf = (type: string, version: number): string =>
    subscriptionCatalogue()
      .filter((subscription) =>
        subscription.events.some((eventClass) => {
          const declared = eventTypeOf(eventClass);
          return declared.type === type && declared.version === version;
        }),
      )
      .map((subscription) => `${subscription.service} (${code(subscription.durable)})`)
      .join(', ') || 'none yet';
  const events = table(
    ['Type', 'Version', 'Class', 'Published by', 'Consumed by'],
    eventCatalogue().map((event) => [
      code(event.type),
      String(event.version),
      code(event.className),
      event.publisher,
      consumersOf(event.type, event.version),
    ]),
  );
  return [
    CATALOGUE_START,
    '',
    '**Request-reply operations** (the gateway calls them all; `npm run events` also calls the dead-letter ones):',
    '',
    operations,
    '',
    '**Events** (outbox → JetStream `events.<type>`):',
    '',
    events,
    '',
    CATALOGUE_END,
  ].join('\n');
}

/**
 * Table cells without their padding, so a catalogue compares equal however a formatter aligned it.
 */
export function unpadded(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/ *\| */g, '|').replace(/-{3,}/g, '---') : line))
    .join('\n');
}

/** The catalogue part of `readme`, markers included; throws when the markers are missing. */
export function catalogueOf(readme: string): string {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) throw new Error('README.md has no catalogue markers');
  return readme.slice(start, end + CATALOGUE_END.length);
}

/** `readme` with its catalogue part replaced by the current one; throws when the markers are missing. */
export function withCatalogue(readme: string): string {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) throw new Error('README.md has no catalogue markers');
  return readme.slice(0, start) + catalogueMarkdown() + readme.slice(end + CATALOGUE_END.length);
}
