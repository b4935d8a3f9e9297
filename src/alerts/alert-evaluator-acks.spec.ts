import { describe, expect, it } from '@jest/globals';
import { makeSample } from '../records/samples.test-helper.js';
import { applyTransition } from './active-alerts.js';
import { AlertEvaluator } from './alert-evaluator.js';
import type { ActiveAlert, EvalRule, EvalServer, Transition } from './alert-model.js';
import { RecentWindow } from './recent-window.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const MIN = 60_000;
const server: EvalServer = { id: 's1', name: 'web-1', groupId: null, tags: [] };
const repeatRule: EvalRule = {
  id: 'r1',
  name: 'hot',
  enabled: true,
  severity: 'warning',
  conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 80, durationSeconds: 0 }],
  scope: { mode: 'all', serverIds: [], groupIds: [], tags: [] },
  trigger: 'repeat',
  repeatMinutes: 5,
  notificationGroupId: null,
  silence: null,
  version: 1,
};

/** One server reporting `cpu` every 5 s, evaluated every 10 s, for `ms` from `from`. */
class Run {
  readonly window = new RecentWindow(60_000);
  readonly active = new Map<string, ActiveAlert>();
  readonly log: Transition[] = [];
  cpu = 95;
  now = T0;
  private readonly evaluator = new AlertEvaluator(
    {
      samples: (id) => this.window.of(id),
      offlineSince: () => null,
      cycleUsage: () => undefined,
      silenced: () => false,
    },
    30_000,
  );

  advance(ms: number): this {
    const end = this.now + ms;
    while (this.now < end) {
      this.now += 5000;
      this.window.add(makeSample({ serverId: server.id, time: this.now, cpuPercent: this.cpu }));
      if ((this.now - T0) % 10_000 === 0) {
        const out = this.evaluator.evaluate(this.now, [repeatRule], [server], this.active);
        for (const t of out) applyTransition(this.active, t);
        this.log.push(...out);
      }
    }
    return this;
  }

  alert(): ActiveAlert {
    return [...this.active.values()][0]!;
  }

  types(): string[] {
    return this.log.map((t) => t.type);
  }
}

describe('AlertEvaluator: acknowledged and snoozed alerts', () => {
  it('an acknowledged alert sends no repeat; it still resolves with a notice', () => {
    const run = new Run().advance(10_000);
    expect(run.types()).toEqual(['fire']);
    run.alert().acknowledgedAt = run.now;
    run.advance(30 * MIN);
    expect(run.types()).toEqual(['fire']);
    run.cpu = 10;
    run.advance(10_000);
    expect(run.types()).toEqual(['fire', 'resolve']);
    expect(run.log[1]).toMatchObject({ type: 'resolve', notify: true });
  });

  it('a snoozed alert is silent until the snooze ends, then repeats again', () => {
    const run = new Run().advance(10_000);
    run.alert().snoozedUntil = run.now + 20 * MIN;
    run.advance(19 * MIN);
    expect(run.types()).toEqual(['fire']);
    run.advance(2 * MIN); // the snooze ended: the overdue repeat goes out, then every 5 minutes
    expect(run.types()).toEqual(['fire', 'renotify']);
    run.advance(5 * MIN);
    expect(run.types()).toEqual(['fire', 'renotify', 'renotify']);
  });

  it('a re-fire after a resolve is a new alert, neither acknowledged nor snoozed', () => {
    const run = new Run().advance(10_000);
    const first = run.alert();
    first.acknowledgedAt = run.now;
    first.snoozedUntil = run.now + 60 * MIN;
    run.cpu = 10;
    run.advance(10_000);
    run.cpu = 95;
    run.advance(10_000);
    const second = run.alert();
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ acknowledgedAt: null, snoozedUntil: null, state: 'firing' });
    run.advance(5 * MIN);
    expect(run.types()).toEqual(['fire', 'resolve', 'fire', 'renotify']);
  });
});
