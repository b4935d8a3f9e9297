import { describe, expect, it } from '@jest/globals';
import { HeadTailBuffer } from './output-cap.js';

describe('HeadTailBuffer', () => {
  it('keeps everything under the cap, in order, with nothing dropped', () => {
    const b = new HeadTailBuffer(10);
    for (const part of ['abc', 'def', 'ghij']) b.push(Buffer.from(part));
    expect(b.result()).toEqual({ head: 'abcdefghij', tail: '', droppedBytes: 0, totalBytes: 10 });
  });

  it('keeps the first and last half of the cap and counts the middle, across small and large chunks', () => {
    const b = new HeadTailBuffer(8);
    for (const part of ['01', '23', '45', '67', '89']) b.push(Buffer.from(part));
    expect(b.result()).toEqual({ head: '0123', tail: '6789', droppedBytes: 2, totalBytes: 10 });
    b.push(Buffer.from('ABCDEFGHIJKL'));
    expect(b.result()).toEqual({ head: '0123', tail: 'IJKL', droppedBytes: 14, totalBytes: 22 });
    b.push(Buffer.from('m'));
    expect(b.result()).toEqual({ head: '0123', tail: 'JKLm', droppedBytes: 15, totalBytes: 23 });
  });
});
