import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { makeSample } from '../records/samples.test-helper.js';
import type { Sample } from '../records/sample.js';
import { applyTransition } from './active-alerts.js';
import { AlertEvaluator } from './alert-evaluator.js';
import type { ActiveAlert, EvalRule, EvalServer, Transition } from './alert-model.js';
import type { Condition } from './dto/alert-rule.dto.js';
import { evalRule as rule } from './eval-rule.test-helper.js';
import { RecentWindow } from './recent-window.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const GAP = 30_000;
const G1 = '00000000-0000-4000-8000-0000000000a1';

const servers: EvalServer[] = [
  { id: 's1', name: 'web-1', groupId: G1, tags: ['prod'] },
  { id: 's2', name: 'db-1', groupId: null, tags: ['prod', 'db'] },
  { id: 's3', name: 'lab', groupId: null, tags: [] },
];

const cpu = (operator: '>' | '>=' | '<' | '<=', threshold: number, durationSeconds = 60): Condition => ({
  kind: 'metric',
  metric: 'cpu',
  operator,
  threshold,
  durationSeconds,
});

/**
 * A fake fleet on fake timers: agents report every 5 s (setInterval), the evaluator ticks every
 * 10 s, transitions are applied as AlertsService applies them after its commit.
 */
class Fleet {
  readonly window = new RecentWindow(60_000);
  readonly offline = new Map<string, number>();
  readonly usage = new Map<string, { inBytes: number; outBytes: number }>();
  readonly active = new Map<string, ActiveAlert>();
  readonly log: Transition[] = [];
  readonly values = new Map<string, Partial<Sample>>();
  readonly silent = new Set<string>();
  silenced = false;
  rules: EvalRule[] = [];
  readonly evaluator = new AlertEvaluator(
    {
      samples: (id) => this.window.of(id),
      offlineSince: (id) => this.offline.get(id) ?? null,
      cycleUsage: (id) => this.usage.get(id),
      silenced: () => this.silenced,
    },
    GAP,
  );

  constructor(list: readonly EvalServer[] = servers) {
    setInterval(() => {
      for (const s of list) {
        if (this.silent.has(s.id)) continue;
        this.window.add(makeSample({ serverId: s.id, time: Date.now(), ...this.values.get(s.id) }));
      }
    }, 5000);
    setInterval(() => this.tick(list), 10_000);
  }

  set(serverId: string, v: Partial<Sample>): void {
    this.values.set(serverId, v);
  }

  tick(list: readonly EvalServer[] = servers): Transition[] {
    const out = this.evaluator.evaluate(Date.now(), this.rules, list, this.active);
    for (const t of out) applyTransition(this.active, t);
    this.log.push(...out);
    return out;
  }

  types(serverId?: string): string[] {
    return this.log.filter((t) => serverId === undefined || t.alert.serverId === serverId).map((t) => t.type);
  }
}

const minutes = (n: number) => jest.advanceTimersByTime(n * 60_000);
const seconds = (n: number) => jest.advanceTimersByTime(n * 1000);

describe('AlertEvaluator', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('fires only after the condition held over the whole duration, then resolves once', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([cpu('>', 80, 60)])];
    fleet.set('s1', { cpuPercent: 95 });
    seconds(50);
    expect(fleet.types()).toEqual(['pending']);
    seconds(20); // 70 s of samples over 80 %
    expect(fleet.types()).toEqual(['pending', 'fire']);
    const fire = fleet.log[1] as Extract<Transition, { type: 'fire' }>;
    expect(fire.notify).toBe(true);
    expect(fire.created).toBe(false); // stored as pending first
    expect(fire.reading).toMatchObject({ metric: 'CPU', value: 95, threshold: 80, unit: '%' });
    minutes(5); // still hot, `once`: nothing more
    expect(fleet.types()).toEqual(['pending', 'fire']);
    fleet.set('s1', { cpuPercent: 20 });
    seconds(10);
    expect(fleet.types()).toEqual(['pending', 'fire', 'resolve']);
    const resolve = fleet.log[2] as Extract<Transition, { type: 'resolve' }>;
    expect(resolve).toMatchObject({ notify: true, reason: 'conditions cleared', reading: { value: 20 } });
    expect(fleet.active.size).toBe(0);
  });

  it('a dip inside the window restarts it: a pending alert is cancelled, never fired', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([cpu('>', 80, 60)])];
    fleet.set('s1', { cpuPercent: 95 });
    seconds(40);
    fleet.set('s1', { cpuPercent: 50 });
    seconds(10);
    fleet.set('s1', { cpuPercent: 95 });
    seconds(40);
    expect(fleet.types()).toEqual(['pending', 'cancel', 'pending']);
    seconds(30);
    expect(fleet.types()).toEqual(['pending', 'cancel', 'pending', 'fire']);
  });

  it('gap rule: a silence longer than the gap breaks the run and leaves the condition unjudged', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([cpu('>', 80, 60)])];
    fleet.set('s1', { cpuPercent: 95 });
    seconds(40);
    fleet.silent.add('s1');
    seconds(60); // no samples: not judged, so the pending alert is neither fired nor cancelled
    expect(fleet.types()).toEqual(['pending']);
    fleet.silent.delete('s1');
    seconds(40); // 100 s since the first hot sample, but only ~40 s since the gap
    expect(fleet.types()).toEqual(['pending']);
    seconds(30);
    expect(fleet.types()).toEqual(['pending', 'fire']);
    const fired = fleet.active.get('r1|s1')!;
    expect(fired.startedAt).toBe(T0 + 10_000); // the same episode, pending since the first tick
  });

  it.each([
    ['>', 80, 80, false],
    ['>', 80, 80.1, true],
    ['>=', 80, 80, true],
    ['<', 10, 10, false],
    ['<', 10, 9, true],
    ['<=', 10, 10, true],
  ] as const)('operator %s %d with value %d → fires: %s', (op, threshold, value, fires) => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([cpu(op, threshold, 0)])];
    fleet.set('s1', { cpuPercent: value });
    seconds(10);
    expect(fleet.types().includes('fire')).toBe(fires);
    if (fires) expect(fleet.log[0]).toMatchObject({ type: 'fire', created: true });
  });

  it('named filesystems, units and ALL conditions', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [
      rule([
        {
          kind: 'metric',
          metric: 'disk',
          mountpoint: '/data',
          operator: '>=',
          threshold: 90,
          durationSeconds: 0,
        },
        {
          kind: 'metric',
          metric: 'netIn',
          operator: '>',
          threshold: 500,
          unit: 'Kbit/s',
          durationSeconds: 0,
        },
      ]),
    ];
    // "/" is full but the rule names /data
    fleet.set('s1', { disks: [{ mountpoint: '/', totalGB: 1, usedGB: 1, usagePercent: 99 }], netInMbps: 1 });
    seconds(20);
    expect(fleet.types()).toEqual([]);
    fleet.set('s1', {
      disks: [{ mountpoint: '/data', totalGB: 1, usedGB: 0.95, usagePercent: 95 }],
      netInMbps: 0.4, // 400 Kbit/s: the second condition does not hold
    });
    seconds(10);
    expect(fleet.types()).toEqual([]);
    fleet.set('s1', {
      disks: [{ mountpoint: '/data', totalGB: 1, usedGB: 0.95, usagePercent: 95 }],
      netInMbps: 0.6,
    });
    seconds(10);
    expect(fleet.types()).toEqual(['fire']);
    expect(fleet.log[0]).toMatchObject({ type: 'fire', reading: { metric: 'disk usage /data' } });
  });

  it('watches the busiest CPU core and the busiest GPU', () => {
    const fleet = new Fleet([servers[0]!]);
    const over = (metric: 'cpuCoreMax' | 'gpu', threshold: number): Condition => ({
      kind: 'metric',
      metric,
      operator: '>',
      threshold,
      durationSeconds: 30,
    });
    fleet.rules = [rule([over('cpuCoreMax', 90)]), rule([over('gpu', 70)], { id: 'r2' })];
    fleet.set('s1', {
      cpuPercent: 20,
      cpuCoreMaxPercent: 97,
      gpus: [
        { index: 0, utilizationPercent: 10 },
        { index: 1, utilizationPercent: 80 },
      ],
    });
    seconds(50);
    expect(fleet.types()).toEqual(['pending', 'pending', 'fire', 'fire']);
    expect(fleet.log[2]).toMatchObject({ reading: { metric: 'busiest CPU core', value: 97, unit: '%' } });
    // records keep the mean (45 %) for `gpu`; the rule compares the busiest GPU
    expect(fleet.log[3]).toMatchObject({ reading: { metric: 'GPU utilisation', value: 80 } });
  });

  it('scopes: include by group or tag, exclude by server; new members are covered without an edit', () => {
    const fleet = new Fleet();
    for (const s of servers) fleet.set(s.id, { cpuPercent: 99 });
    fleet.rules = [
      rule([cpu('>', 50, 0)], {
        id: 'inc',
        scope: { mode: 'include', serverIds: [], groupIds: [G1], tags: ['db'] },
      }),
      rule([cpu('>', 50, 0)], {
        id: 'exc',
        scope: { mode: 'exclude', serverIds: ['s2'], groupIds: [], tags: [] },
      }),
    ];
    seconds(10);
    const fired = () =>
      fleet.log
        .filter((t) => t.type === 'fire')
        .map((t) => `${t.alert.ruleId}:${t.alert.serverId}`)
        .sort();
    expect(fired()).toEqual(['exc:s1', 'exc:s3', 'inc:s1', 'inc:s2']);
    // s3 joins the group: covered on the next tick
    const moved = servers.map((s) => (s.id === 's3' ? { ...s, groupId: G1 } : s));
    fleet.tick(moved);
    expect(fired()).toContain('inc:s3');
    // s1 leaves the group: its alert of the include rule resolves
    const left = moved.map((s) => (s.id === 's1' ? { ...s, groupId: null, tags: [] } : s));
    const out = fleet.tick(left);
    expect(out).toEqual([
      expect.objectContaining({
        type: 'resolve',
        reason: 'server no longer in scope',
        alert: expect.objectContaining({ serverId: 's1', ruleId: 'inc' }),
      }),
    ]);
  });

  it('repeat re-notifies every N minutes while firing; once does not', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([cpu('>', 80, 0)], { trigger: 'repeat', repeatMinutes: 5 })];
    fleet.set('s1', { cpuPercent: 95 });
    seconds(10);
    minutes(16);
    expect(fleet.types()).toEqual(['fire', 'renotify', 'renotify', 'renotify']);
    expect(fleet.active.get('r1|s1')!.notificationCount).toBe(4);
  });

  it('silence holds notifications back; the firing is notified when it ends, and the resolution follows', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([cpu('>', 80, 0)])];
    fleet.silenced = true;
    fleet.set('s1', { cpuPercent: 95 });
    seconds(10);
    expect(fleet.log[0]).toMatchObject({ type: 'fire', notify: false });
    minutes(2);
    expect(fleet.types()).toEqual(['fire']);
    fleet.silenced = false;
    seconds(10);
    expect(fleet.types()).toEqual(['fire', 'renotify']);
    fleet.set('s1', { cpuPercent: 5 });
    seconds(10);
    expect(fleet.log[2]).toMatchObject({ type: 'resolve', notify: true });
  });

  it('a firing alert whose firing was never notified resolves without a notice', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([cpu('>', 80, 0)])];
    fleet.silenced = true;
    fleet.set('s1', { cpuPercent: 95 });
    seconds(10);
    fleet.set('s1', { cpuPercent: 5 });
    seconds(10);
    expect(fleet.log.map((t) => [t.type, 'notify' in t ? t.notify : null])).toEqual([
      ['fire', false],
      ['resolve', false],
    ]);
  });

  it('offline for N seconds fires and resolves when the server is back', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([{ kind: 'offline', seconds: 60 }])];
    seconds(10);
    fleet.silent.add('s1');
    fleet.offline.set('s1', Date.now());
    seconds(30);
    expect(fleet.types()).toEqual(['pending']);
    seconds(40);
    expect(fleet.types()).toEqual(['pending', 'fire']);
    expect(fleet.log[1]).toMatchObject({ reading: { metric: 'offline', threshold: 60 } });
    fleet.offline.delete('s1');
    fleet.silent.delete('s1');
    seconds(10);
    expect(fleet.types()).toEqual(['pending', 'fire', 'resolve']);
  });

  it('traffic quota fires at the quota and resolves when the cycle starts again', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([{ kind: 'traffic', direction: 'total', quota: 1, unit: 'GB' }])];
    fleet.usage.set('s1', { inBytes: 4e8, outBytes: 5e8 });
    seconds(10);
    expect(fleet.types()).toEqual([]);
    fleet.usage.set('s1', { inBytes: 6e8, outBytes: 5e8 });
    seconds(10);
    expect(fleet.log[0]).toMatchObject({ type: 'fire', reading: { value: 1.1, unit: 'GB' } });
    fleet.usage.set('s1', { inBytes: 0, outBytes: 0 });
    seconds(10);
    expect(fleet.types()).toEqual(['fire', 'resolve']);
  });

  it('disabling or deleting the rule, or deleting the server, resolves its firing alerts', () => {
    const fleet = new Fleet(servers.slice(0, 2));
    fleet.set('s1', { cpuPercent: 95 });
    fleet.set('s2', { cpuPercent: 95 });
    fleet.rules = [rule([cpu('>', 80, 0)])];
    seconds(10);
    expect(fleet.active.size).toBe(2);
    expect(fleet.tick([servers[1]!])).toEqual([
      expect.objectContaining({ type: 'resolve', reason: 'server removed', notify: true }),
    ]);
    fleet.rules = [{ ...fleet.rules[0]!, enabled: false }];
    expect(fleet.tick([servers[1]!])).toEqual([
      expect.objectContaining({ type: 'resolve', reason: 'rule disabled or deleted' }),
    ]);
    expect(fleet.active.size).toBe(0);
  });

  it('a watched service that is not active', () => {
    const fleet = new Fleet([servers[0]!]);
    fleet.rules = [rule([{ kind: 'service', service: 'nginx', durationSeconds: 10 }])];
    fleet.set('s1', { watchedServices: [{ name: 'nginx', activeState: 'active', subState: 'running' }] });
    seconds(20);
    fleet.set('s1', { watchedServices: [{ name: 'nginx', activeState: 'failed', subState: 'failed' }] });
    seconds(30);
    expect(fleet.types()).toEqual(['pending', 'fire']);
  });
});
