/**
 * A queue between a producer that must slow down and a consumer that takes several items at once:
 * `push` waits while `capacity` items wait, `take` waits for at least one item and takes what is
 * there. After `close`, `take` hands out what is left, then empty lists.
 */
export class MessageQueue<T> {
  private readonly items: T[] = [];
  private closed = false;
  private taker?: () => void;
  private readonly pushers: (() => void)[] = [];

  constructor(private readonly capacity: number) {
    if (capacity < 1) throw new RangeError('a MessageQueue needs a capacity of at least 1');
  }

  get size(): number {
    return this.items.length;
  }

  async push(item: T): Promise<void> {
    this.items.push(item);
    this.wakeTaker();
    while (this.items.length >= this.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.pushers.push(resolve));
    }
  }

  async take(max: number): Promise<T[]> {
    while (this.items.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => (this.taker = resolve));
    }
    const taken = this.items.splice(0, max);
    this.pushers.splice(0).forEach((resume) => resume());
    return taken;
  }

  close(): void {
    this.closed = true;
    this.wakeTaker();
    this.pushers.splice(0).forEach((resume) => resume());
  }

  private wakeTaker(): void {
    const taker = this.taker;
    this.taker = undefined;
    taker?.();
  }
}
