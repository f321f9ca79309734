/** What a load remembers of the keys it reads, to tell afterwards whether they changed meanwhile. */
export interface ChangeMark {
  readonly epoch: number;
  readonly generation: number;
}

/**
 * Counts changes per key, so a gateway cache can refuse to keep what a load read before a change that
 * arrived while it ran. The counters are bounded: past `maxKeys * 2` they are forgotten at once and the
 * epoch moves on, so a load that started before that is not mistaken for one that started after.
 */
export class ChangeGenerations {
  private readonly generations = new Map<string, number>();
  private epoch = 0;

  constructor(private readonly maxKeys: number) {}

  mark(key: string): ChangeMark {
    return { epoch: this.epoch, generation: this.generations.get(key) ?? 0 };
  }

  unchangedSince(key: string, mark: ChangeMark): boolean {
    return mark.epoch === this.epoch && (this.generations.get(key) ?? 0) === mark.generation;
  }

  changed(key: string): void {
    if (this.generations.size >= this.maxKeys * 2) {
      this.everythingChanged();
      return;
    }
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  everythingChanged(): void {
    this.epoch += 1;
    this.generations.clear();
  }
}
