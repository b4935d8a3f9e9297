import type { ActiveAlert, EvalRule, EvaluatorInputs, Reading } from './alert-model.js';
import { describe, judge, newTrack, type Subject, type Track, type Verdict } from './condition-judge.js';
import { containerMatches } from '@hivewatch/protocol';
import type { ContainerView } from './container-view.js';

/** Subject of a server-level alert (no container). */
export const SERVER_SUBJECT = '';

export const watchesContainers = (rule: EvalRule) => rule.conditions.some((c) => c.kind === 'container');

/** The containers of the view that every container condition of the rule names, sorted. */
export function matchingContainers(rule: EvalRule, view: ContainerView): string[] {
  const out: string[] = [];
  for (const name of view.byName.keys()) {
    let all = true;
    for (const c of rule.conditions) {
      if (c.kind === 'container' && !containerMatches(c.container, name)) {
        all = false;
        break;
      }
    }
    if (all) out.push(name);
  }
  return out.sort();
}

/** Why an alert of a (rule, server) whose subject is no longer evaluated ends. */
export function endReason(subject: string, view: ContainerView | undefined): string {
  if (view === undefined) return 'the rule no longer watches containers';
  if (subject === SERVER_SUBJECT) return 'the rule now watches containers';
  return view.byName.has(subject) ? 'container no longer matches the rule' : 'container removed';
}

/** Per (rule, server): the tracks of each subject (one per condition). */
export type SubjectTracks = Map<string, Track[]>;

/** Active alerts by rule, then server, then subject. */
export function indexActive(
  active: ReadonlyMap<string, ActiveAlert>,
): Map<string, Map<string, Map<string, ActiveAlert>>> {
  const byRule = new Map<string, Map<string, Map<string, ActiveAlert>>>();
  for (const a of active.values()) {
    let byServer = byRule.get(a.ruleId);
    if (!byServer) byRule.set(a.ruleId, (byServer = new Map<string, Map<string, ActiveAlert>>()));
    let bySubject = byServer.get(a.serverId);
    if (!bySubject) byServer.set(a.serverId, (bySubject = new Map<string, ActiveAlert>()));
    bySubject.set(a.container ?? SERVER_SUBJECT, a);
  }
  return byRule;
}

/** The tracks of one subject of a (rule, server), created on first use. */
export function subjectTracks(rule: EvalRule, perServer: SubjectTracks, subject: string): Track[] {
  let t = perServer.get(subject);
  if (!t) perServer.set(subject, (t = rule.conditions.map(newTrack)));
  return t;
}

/** ALL conditions of the rule for one subject: clear if any is clear, unknown if any is unknown. */
export function combine(
  rule: EvalRule,
  serverId: string,
  perCondition: Track[],
  inputs: EvaluatorInputs,
  now: number,
  gapMs: number,
  subject: Subject | undefined,
): Verdict {
  let verdict: Verdict = 'holds';
  for (let i = 0; i < rule.conditions.length; i++) {
    const v = judge(rule.conditions[i]!, serverId, perCondition[i], inputs, now, gapMs, subject);
    if (v === 'clear') return 'clear';
    if (v === 'unknown') verdict = 'unknown';
    else if (v === 'building' && verdict === 'holds') verdict = 'building';
  }
  return verdict;
}

/** The first condition's reading; a container alert's always names the container and the server. */
export function readingOf(
  rule: EvalRule,
  serverId: string,
  perCondition: Track[] | undefined,
  inputs: EvaluatorInputs,
  now: number,
  subject: Subject | undefined,
): Reading {
  const first = rule.conditions[0]!;
  const reading = describe(first, serverId, perCondition?.[0], inputs, now, subject);
  if (!subject?.name || first.kind === 'container') return reading;
  return { ...reading, message: `container ${subject.name} on ${subject.serverName}: ${reading.message}` };
}
