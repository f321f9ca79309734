/**
 * A deployment's own corner of a NATS server. Subjects, queue groups, and stream and consumer names are
 * global on a server, so two suites on one NATS (staging beside production, a test run beside a
 * developer's `npm start`) would answer each other's requests; `NATS_PREFIX` keeps them apart. Contracts
 * name subjects without the prefix; the transport adds it on the way out and in.
 */
export class NatsNamespace {
  static readonly none = new NatsNamespace('');

  constructor(readonly prefix: string) {}

  /** `polls.vote.cast` → `<prefix>.polls.vote.cast`. */
  subject(subject: string): string {
    return this.prefix ? `${this.prefix}.${subject}` : subject;
  }

  /** The queue group copies of one service share. */
  queue(service: string): string {
    return this.subject(service);
  }

  /** A JetStream stream or consumer name (no dots allowed there). */
  name(name: string): string {
    return this.prefix ? `${this.prefix}_${name}` : name;
  }
}
