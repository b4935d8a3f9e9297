import { containerSnapshot, type ContainerSnapshot, type DockerEventAction } from '@hivewatch/protocol';
import { applyTransition } from './active-alerts.js';
import { AlertEvaluator } from './alert-evaluator.js';
import type { ActiveAlert, EvalRule, EvalServer, Transition } from './alert-model.js';
import type { ContainerEventLite } from './container-view.js';
import type { Condition } from './dto/alert-rule.dto.js';
import { evalRule } from './eval-rule.test-helper.js';

export const GAP = 30_000;

/** A running container (the protocol's example, renamed); override what matters. */
export function container(name: string, over: Partial<ContainerSnapshot> = {}): ContainerSnapshot {
  const id = Buffer.from(name).toString('hex').padEnd(64, '0').slice(0, 64);
  return containerSnapshot({
    id,
    name,
    image: 'hivewatch/test:1',
    health: 'none',
    // Low figures: the conditions' tests raise what they are about.
    cpuPercent: 1,
    memoryUsageBytes: 10 * 1024 ** 2,
    memoryLimitBytes: 100 * 1024 ** 2,
    ...over,
  });
}

export function rule(conditions: Condition[], over: Partial<EvalRule> = {}): EvalRule {
  return evalRule(conditions, { name: 'containers', ...over });
}

/**
 * One host on fake timers: its agent sends a snapshot of `containers` every 5 s (unless `silent`),
 * the evaluator ticks every 10 s, transitions are applied as AlertsService applies them.
 */
export class DockerHost {
  readonly server: EvalServer = { id: 's1', name: 'host-a', groupId: null, tags: [] };
  containers = new Map<string, ContainerSnapshot>();
  readonly events: ContainerEventLite[] = [];
  snap: { available: boolean; at: number; containers: ContainerSnapshot[] } | undefined;
  silent = false;
  available = true;
  offlineSince: number | null = null;
  rules: EvalRule[] = [];
  readonly active = new Map<string, ActiveAlert>();
  readonly log: Transition[] = [];
  readonly evaluator = new AlertEvaluator(
    {
      samples: () => [],
      offlineSince: () => this.offlineSince,
      cycleUsage: () => undefined,
      silenced: () => false,
      containers: {
        snapshot: () => this.snap,
        events: (_id, since) => this.events.filter((e) => e.at >= since),
      },
    },
    GAP,
  );

  constructor() {
    setInterval(() => {
      if (this.silent) return;
      this.snap = { available: this.available, at: Date.now(), containers: [...this.containers.values()] };
    }, 5000);
    setInterval(() => this.tick(), 10_000);
  }

  set(c: ContainerSnapshot): void {
    this.containers.set(c.name, c);
  }

  event(name: string, action: DockerEventAction): void {
    const c = this.containers.get(name) ?? container(name);
    this.events.push({ containerId: c.id, containerName: name, action, at: Date.now() });
  }

  tick(): Transition[] {
    const out = this.evaluator.evaluate(Date.now(), this.rules, [this.server], this.active);
    for (const t of out) applyTransition(this.active, t);
    this.log.push(...out);
    return out;
  }

  /** "type container" per transition, e.g. "fire web". */
  steps(): string[] {
    return this.log.map((t) => `${t.type} ${t.alert.container ?? '-'}`);
  }
}
