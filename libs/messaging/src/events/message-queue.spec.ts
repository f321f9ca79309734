import { MessageQueue } from './message-queue';

describe('MessageQueue', () => {
  it('hands out what waits, up to the number asked for, in order', async () => {
    const queue = new MessageQueue<number>(10);
    for (const item of [1, 2, 3]) await queue.push(item);
    expect(await queue.take(2)).toEqual([1, 2]);
    expect(await queue.take(5)).toEqual([3]);
  });

  it('makes a taker wait for the next item', async () => {
    const queue = new MessageQueue<string>(4);
    const taken = queue.take(4);
    await queue.push('late');
    expect(await taken).toEqual(['late']);
  });

  it('holds a producer back while the queue is full, until something is taken', async () => {
    const queue = new MessageQueue<number>(2);
    await queue.push(1);
    let pushed = false;
    const second = queue.push(2).then(() => (pushed = true));
    await Promise.resolve();
    expect(pushed).toBe(false);
    expect(await queue.take(1)).toEqual([1]);
    await second;
    expect(pushed).toBe(true);
  });

  it('after closing, hands out what is left, then nothing, and lets producers go', async () => {
    const queue = new MessageQueue<number>(1);
    const held = queue.push(7);
    queue.close();
    await held;
    expect(await queue.take(3)).toEqual([7]);
    expect(await queue.take(3)).toEqual([]);
  });
});
