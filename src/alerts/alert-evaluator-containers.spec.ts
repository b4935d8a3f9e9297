import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Transition } from './alert-model.js';
import { container, DockerHost, rule } from './containers.test-helper.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const seconds = (n: number) => jest.advanceTimersByTime(n * 1000);
const minutes = (n: number) => seconds(n * 60);

describe('AlertEvaluator: container conditions', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('not-running fires for the exited container, names it and its server, resolves when it runs', () => {
    const host = new DockerHost();
    host.rules = [rule([{ kind: 'container', container: 'web', check: 'not-running', durationSeconds: 0 }])];
    host.set(container('web'));
    host.set(container('db', { state: 'exited', exitCode: 1 })); // not named by the rule
    seconds(20);
    expect(host.steps()).toEqual([]);
    host.set(container('web', { state: 'exited', exitCode: 3 }));
    seconds(10);
    expect(host.steps()).toEqual(['fire web']);
    const fire = host.log[0] as Extract<Transition, { type: 'fire' }>;
    expect(fire.reading.message).toBe('container web on host-a: not running (exited, exit code 3)');
    expect(fire.reading.metric).toBe('container not running');
    expect(host.active.has('r1|s1|web')).toBe(true);
    minutes(2);
    expect(host.steps()).toEqual(['fire web']);
    host.set(container('web'));
    seconds(10);
    expect(host.steps()).toEqual(['fire web', 'resolve web']);
    expect(host.log[1]).toMatchObject({ reason: 'conditions cleared' });
    expect(host.active.size).toBe(0);
  });

  it('unhealthy: pending, then firing once it held for the duration; one alert per container', () => {
    const host = new DockerHost();
    host.rules = [rule([{ kind: 'container', check: 'unhealthy', durationSeconds: 30 }])];
    host.set(container('api-1', { health: 'unhealthy' }));
    host.set(container('api-2', { health: 'unhealthy' }));
    host.set(container('worker', { health: 'healthy' }));
    seconds(20);
    expect(host.steps()).toEqual(['pending api-1', 'pending api-2']);
    seconds(30);
    expect(host.steps()).toEqual(['pending api-1', 'pending api-2', 'fire api-1', 'fire api-2']);
    expect([...host.active.keys()].sort()).toEqual(['r1|s1|api-1', 'r1|s1|api-2']);
    host.set(container('api-2', { health: 'healthy' }));
    seconds(10);
    expect(host.steps().slice(4)).toEqual(['resolve api-2']);
    // a dip restarts the window: pending is cancelled, never fired
    host.set(container('worker', { health: 'unhealthy' }));
    seconds(10);
    host.set(container('worker', { health: 'healthy' }));
    seconds(10);
    expect(host.steps().slice(5)).toEqual(['pending worker', 'cancel worker']);
  });

  it('patterns: `web-?` covers web-1 and web-2, not web-10 or db', () => {
    const host = new DockerHost();
    host.rules = [
      rule([{ kind: 'container', container: 'web-?', check: 'not-running', durationSeconds: 0 }]),
    ];
    for (const n of ['web-1', 'web-2', 'web-10', 'db'])
      host.set(container(n, { state: 'exited', exitCode: 0 }));
    seconds(10);
    expect(host.steps().sort()).toEqual(['fire web-1', 'fire web-2']);
  });

  it('restarts: more than `count` within the window fires, and resolves once they age out', () => {
    const host = new DockerHost();
    host.rules = [
      rule([{ kind: 'container', check: 'restarts', count: 2, windowMinutes: 5, durationSeconds: 0 }]),
    ];
    host.set(container('flappy'));
    seconds(10);
    for (let i = 0; i < 3; i++) {
      host.event('flappy', 'die');
      host.event('flappy', 'start');
      if (i === 1) expect(host.tick()).toEqual([]); // two restarts: not more than 2
    }
    seconds(10);
    expect(host.steps()).toEqual(['fire flappy']);
    expect((host.log[0] as Extract<Transition, { type: 'fire' }>).reading).toMatchObject({
      metric: 'container restarts',
      value: 3,
      threshold: 2,
    });
    minutes(4);
    expect(host.steps()).toEqual(['fire flappy']);
    minutes(2); // the restarts are older than 5 minutes now
    expect(host.steps()).toEqual(['fire flappy', 'resolve flappy']);
  });

  it('restarts: restartCount growth counts when the events were missed', () => {
    const host = new DockerHost();
    host.rules = [
      rule([{ kind: 'container', check: 'restarts', count: 1, windowMinutes: 10, durationSeconds: 0 }]),
    ];
    host.set(container('loop', { restartCount: 4 }));
    seconds(20);
    host.set(container('loop', { restartCount: 6 }));
    seconds(10);
    expect(host.steps()).toEqual(['fire loop']);
    expect(host.log[0]).toMatchObject({ reading: { value: 2 } });
  });

  it('oom: an OOM kill fires at once and resolves after a window without one', () => {
    const host = new DockerHost();
    host.rules = [rule([{ kind: 'container', check: 'oom', windowMinutes: 2, durationSeconds: 0 }])];
    host.set(container('hog'));
    seconds(10);
    host.event('hog', 'oom');
    host.event('hog', 'die');
    seconds(10);
    expect(host.steps()).toEqual(['fire hog']);
    expect((host.log[0] as Extract<Transition, { type: 'fire' }>).reading.message).toBe(
      'container hog on host-a: 1 OOM kill(s) in the last 2 min',
    );
    seconds(90);
    expect(host.steps()).toEqual(['fire hog']);
    seconds(40);
    expect(host.steps()).toEqual(['fire hog', 'resolve hog']);
  });

  it('cpu over a threshold for a duration, memory as % of the limit and in MiB', () => {
    const host = new DockerHost();
    host.rules = [
      rule([{ kind: 'container', check: 'cpu', operator: '>', threshold: 150, durationSeconds: 20 }]),
      rule([{ kind: 'container', check: 'memory', threshold: 90, unit: '%', durationSeconds: 0 }], {
        id: 'r2',
      }),
      rule(
        [
          {
            kind: 'container',
            check: 'memory',
            operator: '>=',
            threshold: 50,
            unit: 'MiB',
            durationSeconds: 0,
          },
        ],
        { id: 'r3' },
      ),
    ];
    host.set(container('busy', { cpuPercent: 190, memoryUsageBytes: 95 * 1024 ** 2 }));
    host.set(
      container('unlimited', { cpuPercent: 5, memoryUsageBytes: 60 * 1024 ** 2, memoryLimitBytes: null }),
    );
    seconds(10);
    const byRule = () => host.log.map((t) => `${t.alert.ruleId} ${t.type} ${t.alert.container}`);
    expect(byRule().sort()).toEqual([
      'r1 pending busy',
      'r2 fire busy', // a container without a limit never meets a % of it
      'r3 fire busy',
      'r3 fire unlimited',
    ]);
    seconds(20);
    expect(byRule()).toContain('r1 fire busy');
    const cpuFire = host.log.find((t) => t.alert.ruleId === 'r1' && t.type === 'fire') as Extract<
      Transition,
      { type: 'fire' }
    >;
    expect(cpuFire.reading.message).toBe('container busy on host-a: CPU 190 % > 150 % for 20 s');
    host.set(container('busy', { cpuPercent: 10, memoryUsageBytes: 10 * 1024 ** 2 }));
    seconds(10);
    expect(
      byRule()
        .filter((s) => s.includes('resolve'))
        .sort(),
    ).toEqual(['r1 resolve busy', 'r2 resolve busy', 'r3 resolve busy']);
  });

  it('a removed container resolves its alert with the reason; a silent or unreachable engine judges nothing', () => {
    const host = new DockerHost();
    host.rules = [rule([{ kind: 'container', check: 'not-running', durationSeconds: 0 }])];
    host.set(container('job', { state: 'exited', exitCode: 0 }));
    host.set(container('other', { state: 'exited', exitCode: 0 }));
    seconds(10);
    expect(host.steps().sort()).toEqual(['fire job', 'fire other']);
    host.silent = true;
    host.containers.delete('job');
    minutes(2); // no fresh snapshot: neither fired nor resolved
    expect(host.log).toHaveLength(2);
    host.silent = false;
    host.available = false;
    seconds(20);
    expect(host.log).toHaveLength(2);
    host.available = true;
    seconds(10);
    expect(host.steps().slice(2)).toEqual(['resolve job']);
    expect(host.log[2]).toMatchObject({
      reason: 'container removed',
      reading: { message: 'container job on host-a: removed' },
    });
  });

  it('a rule edited to watch another container ends the alerts of the one it no longer names', () => {
    const host = new DockerHost();
    host.rules = [rule([{ kind: 'container', container: 'a', check: 'not-running', durationSeconds: 0 }])];
    host.set(container('a', { state: 'exited', exitCode: 0 }));
    host.set(container('b', { state: 'exited', exitCode: 0 }));
    seconds(10);
    host.rules = [
      rule([{ kind: 'container', container: 'b', check: 'not-running', durationSeconds: 0 }], { version: 2 }),
    ];
    seconds(10);
    expect(host.steps()).toEqual(['fire a', 'fire b', 'resolve a']);
    expect(host.log[2]).toMatchObject({ reason: 'container no longer matches the rule' });
  });

  it('a server condition in a container rule is judged per container and the message names it', () => {
    const host = new DockerHost();
    host.rules = [
      rule([
        { kind: 'offline', seconds: 0 },
        { kind: 'container', container: 'x*', check: 'not-running', durationSeconds: 0 },
      ]),
    ];
    host.set(container('x1', { state: 'created' }));
    host.set(container('x2', { state: 'created' }));
    seconds(10);
    expect(host.steps()).toEqual([]); // the server is online: the ALL rule stays clear
    host.offlineSince = Date.now();
    seconds(10);
    expect(host.steps()).toEqual(['fire x1', 'fire x2']);
    expect((host.log[0] as Extract<Transition, { type: 'fire' }>).reading.message).toBe(
      'container x1 on host-a: offline for 10 s (threshold 0 s)',
    );
  });
});
