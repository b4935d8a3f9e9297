import type { ExecStreamResult } from '@hivewatch/protocol';

/**
 * Keeps the first and the last bytes of a stream within `capBytes` (half each), counting what falls
 * in between: a 5 MiB printer costs at most the cap in memory, never the whole output.
 */
export class HeadTailBuffer {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  /** Tail chunks, trimmed from the front whenever they exceed the tail limit. */
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(capBytes: number) {
    this.headLimit = Math.ceil(capBytes / 2);
    this.tailLimit = capBytes - this.headLimit;
  }

  get totalBytes(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(this.headLimit - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0 || this.tailLimit === 0) return;
    if (rest.length >= this.tailLimit) {
      // Copy: a subarray would pin the whole (possibly large) chunk in memory.
      this.tail = [Buffer.from(rest.subarray(rest.length - this.tailLimit))];
      this.tailBytes = this.tailLimit;
      return;
    }
    this.tail.push(rest);
    this.tailBytes += rest.length;
    while (this.tailBytes > this.tailLimit) {
      const first = this.tail[0];
      if (first === undefined) break;
      const excess = this.tailBytes - this.tailLimit;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
      }
    }
  }

  /** Head and tail as text; `tail` is empty when nothing was dropped (then it is all in `head`). */
  result(): ExecStreamResult {
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    const droppedBytes = this.total - head.length - tail.length;
    if (droppedBytes === 0)
      return {
        head: Buffer.concat([head, tail]).toString('utf8'),
        tail: '',
        droppedBytes,
        totalBytes: this.total,
      };
    return { head: head.toString('utf8'), tail: tail.toString('utf8'), droppedBytes, totalBytes: this.total };
  }
}
