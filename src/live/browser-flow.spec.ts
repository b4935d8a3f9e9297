import { describe, expect, it } from '@jest/globals';
import { BrowserFlow } from './browser-flow.js';

const limits = { boundBytes: 1000, staleCloseMs: 60_000 };

describe('BrowserFlow (slow-browser policy)', () => {
  it('sends while the socket keeps up, skips once it is over the bound, re-syncs when drained', () => {
    const flow = new BrowserFlow(limits);
    expect(flow.decide(0, 0)).toBe('send');
    expect(flow.decide(1000, 500)).toBe('send');
    expect(flow.decide(1001, 1000)).toBe('skip');
    expect(flow.isStale).toBe(true);
    expect(flow.decide(600, 1500)).toBe('skip'); // under the bound but not drained enough
    expect(flow.decide(250, 2000)).toBe('resync');
    flow.synced(300);
    expect(flow.isStale).toBe(false);
    expect(flow.decide(550, 2500)).toBe('send');
  });

  it('does not count a large full_sync that is still draining as falling behind', () => {
    const flow = new BrowserFlow(limits);
    flow.synced(5000);
    expect(flow.decide(5800, 0)).toBe('send');
    expect(flow.decide(6001, 500)).toBe('skip');
    // once the buffer was under the bound, the allowance is gone
    const again = new BrowserFlow(limits);
    again.synced(5000);
    expect(again.decide(900, 0)).toBe('send');
    expect(again.decide(1500, 500)).toBe('skip');
  });

  it('closes a browser that stays behind for the configured time', () => {
    const flow = new BrowserFlow(limits);
    expect(flow.decide(5000, 1000)).toBe('skip');
    expect(flow.decide(5000, 60_999)).toBe('skip');
    expect(flow.decide(5000, 61_000)).toBe('close');
  });
});
