import { newAlert, renotifyDue } from './alert-episodes.js';
import {
  type ActiveAlert,
  type EvalRule,
  type EvalServer,
  type EvaluatorInputs,
  type Transition,
} from './alert-model.js';
import {
  combine,
  endReason,
  indexActive,
  matchingContainers,
  readingOf,
  SERVER_SUBJECT,
  subjectTracks,
  watchesContainers,
  type SubjectTracks,
} from './alert-subjects.js';
import { newTrack, type Subject, type Track } from './condition-judge.js';
import { containerView, type ContainerView } from './container-view.js';
import { inScope } from './scope.js';

interface RuleTracks {
  version: number;
  /** The server list `scoped` was computed from: recomputed when the list (or the rule) changes. */
  source: readonly EvalServer[] | null;
  /** The servers in the rule's scope, and index-aligned, their tracks: one per condition. */
  scoped: EvalServer[];
  /** Rules without container conditions (one subject per server: the server). */
  tracks: Track[][];
  /** Rules with container conditions: the tracks of each container. */
  subjects: SubjectTracks[];
}

/**
 * The rule engine, pure and synchronous: given the rules, the servers and the active alerts, it
 * folds the new samples into per-(rule, server) tracks — per (rule, server, container) for rules with
 * container conditions — and returns the state transitions. It never
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
    const activeByRule = indexActive(active);
    const views = new Map<string, ContainerView | undefined>();
    for (const rule of rules) {
      if (!rule.enabled) continue;
      enabled.set(rule.id, rule);
      const tracks = this.tracksOf(rule, servers);
      const ruleActive = activeByRule.get(rule.id);
      const containers = watchesContainers(rule);
      for (let i = 0; i < tracks.scoped.length; i++) {
        const server = tracks.scoped[i]!;
        const serverActive = ruleActive?.get(server.id);
        if (!containers) {
          const t = tracks.tracks[i]!;
          this.evaluatePair(now, rule, server, undefined, t, serverActive?.get(SERVER_SUBJECT), out);
          this.endSubjects(now, rule, [SERVER_SUBJECT], undefined, serverActive, out);
          continue;
        }
        if (!views.has(server.id)) views.set(server.id, this.viewOf(server.id, now));
        const view = views.get(server.id);
        if (!view) continue; // no fresh container data: not judged, like a silent server
        const names = matchingContainers(rule, view);
        for (const name of names) {
          const subject = { name, serverName: server.name, view };
          const t = subjectTracks(rule, tracks.subjects[i]!, name);
          this.evaluatePair(now, rule, server, subject, t, serverActive?.get(name), out);
        }
        this.endSubjects(now, rule, names, view, serverActive, out);
        const keep = new Set(names);
        const perServer = tracks.subjects[i]!;
        for (const name of perServer.keys()) if (!keep.has(name)) perServer.delete(name);
      }
    }
    this.endOrphans(now, enabled, servers, active, out);
    this.dropStaleTracks(enabled);
    return out;
  }

  private viewOf(serverId: string, now: number): ContainerView | undefined {
    const source = this.inputs.containers;
    return source ? containerView(source, serverId, now, this.gapMs) : undefined;
  }

  /** Alerts of the (rule, server) about a subject no longer evaluated (a removed container) end now. */
  private endSubjects(
    now: number,
    rule: EvalRule,
    subjects: readonly string[],
    view: ContainerView | undefined,
    serverActive: ReadonlyMap<string, ActiveAlert> | undefined,
    out: Transition[],
  ): void {
    if (!serverActive || serverActive.size === 0) return;
    if (serverActive.size === 1 && subjects.length === 1 && serverActive.has(subjects[0]!)) return;
    const keep = new Set(subjects);
    for (const [name, alert] of serverActive) {
      if (keep.has(name)) continue;
      if (alert.state === 'pending') out.push({ type: 'cancel', alert });
      else {
        const subject = { name, serverName: alert.serverName, view };
        out.push(this.resolve(alert, rule, undefined, now, endReason(name, view), subject));
      }
    }
  }

  private evaluatePair(
    now: number,
    rule: EvalRule,
    server: EvalServer,
    /** Undefined: the server itself (rules without container conditions). */
    subject: Subject | undefined,
    perCondition: Track[],
    alert: ActiveAlert | undefined,
    out: Transition[],
  ): void {
    const verdict = combine(rule, server.id, perCondition, this.inputs, now, this.gapMs, subject);
    if (verdict === 'unknown') return;
    if (verdict === 'clear') {
      if (alert?.state === 'pending') out.push({ type: 'cancel', alert });
      else if (alert?.state === 'firing')
        out.push(this.resolve(alert, rule, perCondition, now, 'conditions cleared', subject));
      return;
    }
    const reading = readingOf(rule, server.id, perCondition, this.inputs, now, subject);
    if (verdict === 'building') {
      if (!alert)
        out.push({
          type: 'pending',
          alert: newAlert(rule, server, subject?.name ?? SERVER_SUBJECT, now, reading.value),
          rule,
          reading,
        });
      return;
    }
    // holds
    if (!alert || alert.state === 'pending') {
      const fired = alert ?? newAlert(rule, server, subject?.name ?? SERVER_SUBJECT, now, reading.value);
      const notify = !this.inputs.silenced(rule, now);
      out.push({ type: 'fire', alert: fired, rule, reading, notify, at: now, created: !alert });
      return;
    }
    if (renotifyDue(rule, alert, now, this.inputs.silenced(rule, now)))
      out.push({ type: 'renotify', alert, rule, reading, at: now });
  }

  private resolve(
    alert: ActiveAlert,
    rule: EvalRule | undefined,
    perCondition: Track[] | undefined,
    now: number,
    reason: string,
    subject?: Subject,
  ): Transition {
    const about = subject ?? {
      name: alert.container ?? SERVER_SUBJECT,
      serverName: alert.serverName,
      view: undefined,
    };
    const reading =
      rule && rule.conditions[0]
        ? readingOf(rule, alert.serverId, perCondition, this.inputs, now, about)
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
      t = { version: rule.version, source: null, scoped: [], tracks: [], subjects: [] };
      this.tracks.set(rule.id, t);
    }
    if (t.source !== servers) {
      // the server list changed: recompute the scope, keeping the tracks of servers still in it
      const previous = new Map<string, number>();
      for (let i = 0; i < t.scoped.length; i++) previous.set(t.scoped[i]!.id, i);
      const before = { tracks: t.tracks, subjects: t.subjects };
      t.scoped = servers.filter((s) => inScope(rule.scope, s));
      const at = t.scoped.map((s) => previous.get(s.id));
      if (watchesContainers(rule))
        t.subjects = at.map(
          (i) => (i === undefined ? undefined : before.subjects[i]) ?? new Map<string, Track[]>(),
        );
      else
        t.tracks = at.map(
          (i) => (i === undefined ? undefined : before.tracks[i]) ?? rule.conditions.map(newTrack),
        );
      t.source = servers;
    }
    return t;
  }

  private dropStaleTracks(enabled: Map<string, EvalRule>): void {
    for (const id of this.tracks.keys()) if (!enabled.has(id)) this.tracks.delete(id);
  }
}
