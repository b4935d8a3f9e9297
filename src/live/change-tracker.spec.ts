import { describe, expect, it } from '@jest/globals';
import { LiveState } from '../records/live-state.service.js';
import { makeSample } from '../records/samples.test-helper.js';
import { ChangeTracker } from './change-tracker.js';

describe('ChangeTracker', () => {
  it('reports a server once per new live sample, whatever the number of samples in between', () => {
    const live = new LiveState();
    const tracker = new ChangeTracker();
    const ids = ['a', 'b', 'c'];
    const latest = (id: string) => live.latest(id);
    live.update(makeSample({ serverId: 'a', time: 1 }));
    live.update(makeSample({ serverId: 'b', time: 1 }));
    expect(tracker.collect(ids, latest)).toEqual(['a', 'b']);
    expect(tracker.collect(ids, latest)).toEqual([]);
    for (let t = 2; t < 50; t++) live.update(makeSample({ serverId: 'b', time: t }));
    expect(tracker.collect(ids, latest)).toEqual(['b']);
  });

  it('ignores backfilled samples and includes marked servers once', () => {
    const live = new LiveState();
    const tracker = new ChangeTracker();
    const latest = (id: string) => live.latest(id);
    live.update(makeSample({ serverId: 'a', time: 10 }));
    tracker.collect(['a', 'b'], latest);
    live.update(makeSample({ serverId: 'a', time: 5, live: false }));
    tracker.mark('b');
    expect(tracker.collect(['a', 'b'], latest)).toEqual(['b']);
    expect(tracker.collect(['a', 'b'], latest)).toEqual([]);
  });
});
