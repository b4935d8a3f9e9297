import { randomUUID } from 'node:crypto';
import {
  type ActiveAlert,
  type EvalRule,
  type EvalServer,
  type EvaluatorInputs,
  type Transition,
} from './alert-model.js';
import { describe, judge, newTrack, type Track, type Verdict } from './condition-judge.js';
import { inScope } from './scope.js';

interface RuleTracks {
  version: number;
  /** The server list `scoped` was computed from: recomputed when the list (or the rule) changes. */
  source: readonly EvalServer[] | null;
  /** The servers in the rule's scope, and index-aligned, one track per condition for each. */
  scoped: EvalServer[];
  tracks: Track[][];
}

/**
 * The rule engine, pure and synchronous: given the rules, the servers and the active alerts, it
 * folds the new samples into per-(rule, server) tracks and returns the state transitions. It never
 * touches the database; AlertsService persists the transitions and then applies them to `active`.
 */
export class AlertEvaluator {
  private readonly tracks = new Map<string, RuleTracks>();

  constructor(
    private readonly inputs: EvaluatorInputs,
    /** Gap rule (see condition-judge.ts `fold`). */
    private readonly gapMs: number,
  ) {}

  evaluate(
    now: number,
    rules: readonly EvalRule[],
    servers: readonly EvalServer[],
    active: ReadonlyMap<string, ActiveAlert>,
  ): Transition[] {
    const out: Transition[] = [];
    const enabled = new Map<string, EvalRule>();
    const activeByRule = indexByRule(active);
    for (const rule of rules) {
      if (!rule.enabled) continue;
      enabled.set(rule.id, rule);
      const tracks = this.tracksOf(rule, servers);
      const ruleActive = activeByRule.get(rule.id);
      for (let i = 0; i < tracks.scoped.length; i++) {
        const server = tracks.scoped[i]!;
        this.evaluatePair(now, rule, server, tracks.tracks[i]!, ruleActive?.get(server.id), out);
      }
    }
    this.endOrphans(now, enabled, servers, active, out);
    this.dropStaleTracks(enabled);
    return out;
  }

  private evaluatePair(
    now: number,
    rule: EvalRule,
    server: EvalServer,
    perCondition: Track[],
    alert: ActiveAlert | undefined,
    out: Transition[],
  ): void {
    const verdict = this.combine(rule, server.id, perCondition, now);
    if (verdict === 'unknown') return;
    if (verdict === 'clear') {
      if (alert?.state === 'pending') out.push({ type: 'cancel', alert });
      else if (alert?.state === 'firing')
        out.push(this.resolve(alert, rule, perCondition, now, 'conditions cleared'));
      return;
    }
    const reading = describe(rule.conditions[0]!, server.id, perCondition[0], this.inputs, now);
    if (verdict === 'building') {
      if (!alert)
        out.push({ type: 'pending', alert: this.newAlert(rule, server, now, reading.value), rule, reading });
      return;
    }
    // holds
    if (!alert || alert.state === 'pending') {
      const fired = alert ?? this.newAlert(rule, server, now, reading.value);
      const notify = !this.inputs.silenced(rule, now);
      out.push({ type: 'fire', alert: fired, rule, reading, notify, at: now, created: !alert });
      return;
    }
    if (this.renotifyDue(rule, alert, now)) out.push({ type: 'renotify', alert, rule, reading, at: now });
  }

  private combine(rule: EvalRule, serverId: string, perCondition: Track[], now: number): Verdict {
    let verdict: Verdict = 'holds';
    for (let i = 0; i < rule.conditions.length; i++) {
      const v = judge(rule.conditions[i]!, serverId, perCondition[i], this.inputs, now, this.gapMs);
      if (v === 'clear') return 'clear';
      if (v === 'unknown') verdict = 'unknown';
      else if (v === 'building' && verdict === 'holds') verdict = 'building';
    }
    return verdict;
  }

  /**
   * A firing alert not notified yet (silence ended) is notified now; `repeat` re-notifies on its
   * interval. An acknowledged alert sends nothing more until it resolves; a snoozed one nothing
   * before its snooze ends (then what is due is sent).
   */
  private renotifyDue(rule: EvalRule, alert: ActiveAlert, now: number): boolean {
    if (this.inputs.silenced(rule, now)) return false;
    if (alert.acknowledgedAt !== null) return false;
    if (alert.snoozedUntil !== null && now < alert.snoozedUntil) return false;
    if (alert.lastNotifiedAt === null) return true;
    if (rule.trigger !== 'repeat' || rule.repeatMinutes === null) return false;
    return now - alert.lastNotifiedAt >= rule.repeatMinutes * 60_000;
  }

  private resolve(
    alert: ActiveAlert,
    rule: EvalRule | undefined,
    perCondition: Track[] | undefined,
    now: number,
    reason: string,
  ): Transition {
    const reading =
      rule && rule.conditions[0]
        ? describe(rule.conditions[0], alert.serverId, perCondition?.[0], this.inputs, now)
        : null;
    // a resolution is sent whenever the firing was: every notified alert gets its resolution notice
    return { type: 'resolve', alert, rule, reading, reason, notify: alert.lastNotifiedAt !== null, at: now };
  }

  /** Alerts whose rule is gone or disabled, or whose server is gone or out of scope, end now. */
  private endOrphans(
    now: number,
    enabled: Map<string, EvalRule>,
    servers: readonly EvalServer[],
    active: ReadonlyMap<string, ActiveAlert>,
    out: Transition[],
  ): void {
    let byId: Map<string, EvalServer> | undefined;
    for (const alert of active.values()) {
      const rule = enabled.get(alert.ruleId);
      byId ??= new Map(servers.map((s) => [s.id, s]));
      const server = byId.get(alert.serverId);
      let reason: string | null = null;
      if (!rule) reason = 'rule disabled or deleted';
      else if (!server) reason = 'server removed';
      else if (!inScope(rule.scope, server)) reason = 'server no longer in scope';
      if (reason === null) continue;
      if (alert.state === 'pending') out.push({ type: 'cancel', alert });
      else out.push(this.resolve(alert, rule, undefined, now, reason));
    }
  }

  private tracksOf(rule: EvalRule, servers: readonly EvalServer[]): RuleTracks {
    let t = this.tracks.get(rule.id);
    if (!t || t.version !== rule.version) {
      t = { version: rule.version, source: null, scoped: [], tracks: [] };
      this.tracks.set(rule.id, t);
    }
    if (t.source !== servers) {
      // the server list changed: recompute the scope, keeping the tracks of servers still in it
      const previous = new Map<string, Track[]>();
      for (let i = 0; i < t.scoped.length; i++) previous.set(t.scoped[i]!.id, t.tracks[i]!);
      t.scoped = servers.filter((s) => inScope(rule.scope, s));
      t.tracks = t.scoped.map((s) => previous.get(s.id) ?? rule.conditions.map(newTrack));
      t.source = servers;
    }
    return t;
  }

  private dropStaleTracks(enabled: Map<string, EvalRule>): void {
    for (const id of this.tracks.keys()) if (!enabled.has(id)) this.tracks.delete(id);
  }

  private newAlert(rule: EvalRule, server: EvalServer, now: number, value: number | null): ActiveAlert {
    return {
      id: randomUUID(),
      ruleId: rule.id,
      ruleName: rule.name,
      serverId: server.id,
      serverName: server.name,
      severity: rule.severity,
      state: 'pending',
      startedAt: now,
      firedAt: null,
      lastNotifiedAt: null,
      notificationCount: 0,
      value,
      message: '',
      acknowledgedAt: null,
      acknowledgedBy: null,
      ackComment: null,
      snoozedUntil: null,
    };
  }
}

function indexByRule(active: ReadonlyMap<string, ActiveAlert>): Map<string, Map<string, ActiveAlert>> {
  const byRule = new Map<string, Map<string, ActiveAlert>>();
  for (const a of active.values()) {
    let m = byRule.get(a.ruleId);
    if (!m) {
      m = new Map<string, ActiveAlert>();
      byRule.set(a.ruleId, m);
    }
    m.set(a.serverId, a);
  }
  return byRule;
}
