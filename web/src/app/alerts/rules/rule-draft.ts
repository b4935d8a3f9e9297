import type { AlertMetric, AlertRule, Condition, CreateRuleBody, Operator } from '../../core/hub-types';
import { parseTags } from '../../shared/tags';
import { type SilenceDraft, silenceBody, silenceDraft, silenceError } from '../../shared/silence-window';
import {
  containerBody,
  containerDraft,
  containerErrors,
  newContainerDraft,
  type ContainerDraft,
} from './container-draft';
import { METRIC_CATALOG, type QuotaUnit } from './metric-catalog';

export type ConditionKind = Condition['kind'];
export type DurationUnit = 's' | 'min';
export type Severity = CreateRuleBody['severity'];
export type ScopeMode = CreateRuleBody['scope']['mode'];
type Direction = Extract<Condition, { kind: 'traffic' }>['direction'];

/**
 * One condition as the form edits it: the fields of every kind are kept, so switching the kind
 * back and forth loses nothing; only the chosen kind's fields are sent. Numbers are null when empty.
 */
export interface ConditionDraft extends ContainerDraft {
  kind: ConditionKind;
  metric: AlertMetric;
  mountpoint: string;
  operator: Operator;
  threshold: number | null;
  unit: string;
  duration: number | null;
  durationUnit: DurationUnit;
  service: string;
  offlineSeconds: number | null;
  direction: Direction;
  quota: number | null;
  quotaUnit: QuotaUnit;
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  severity: Severity;
  conditions: ConditionDraft[];
  scopeMode: ScopeMode;
  serverIds: string[];
  groupIds: string[];
  /** Comma- or space-separated. */
  tags: string;
  trigger: CreateRuleBody['trigger'];
  repeatMinutes: number | null;
  /** '' = no notifications. */
  notificationGroupId: string;
  silence: SilenceDraft;
}

/** Field path → message, e.g. `name`, `conditions.0.threshold`, `scope`. */
export type RuleErrors = Record<string, string>;

const MAX_DURATION_S = 86_400;
const MAX_OFFLINE_S = 30 * 86_400;
const MAX_REPEAT_MIN = 10_080;

export function newCondition(kind: ConditionKind = 'metric'): ConditionDraft {
  return {
    kind,
    metric: 'cpu',
    mountpoint: '',
    operator: '>',
    threshold: 90,
    unit: '%',
    duration: 5,
    durationUnit: 'min',
    service: '',
    offlineSeconds: 120,
    direction: 'total',
    quota: 1,
    quotaUnit: 'TB',
    ...newContainerDraft(),
  };
}

export function newRuleDraft(): RuleDraft {
  return {
    name: '',
    enabled: true,
    severity: 'warning',
    conditions: [newCondition()],
    scopeMode: 'all',
    serverIds: [],
    groupIds: [],
    tags: '',
    trigger: 'once',
    repeatMinutes: 30,
    notificationGroupId: '',
    silence: silenceDraft(null),
  };
}

/** Whole minutes show as minutes, anything else in seconds. */
function durationDraft(seconds: number): Pick<ConditionDraft, 'duration' | 'durationUnit'> {
  return seconds >= 60 && seconds % 60 === 0
    ? { duration: seconds / 60, durationUnit: 'min' }
    : { duration: seconds, durationUnit: 's' };
}

export function conditionDraft(c: Condition): ConditionDraft {
  const base = newCondition(c.kind);
  switch (c.kind) {
    case 'metric':
      return {
        ...base,
        metric: c.metric,
        mountpoint: c.mountpoint ?? '',
        operator: c.operator,
        threshold: c.threshold,
        unit: c.unit ?? METRIC_CATALOG[c.metric].units[0],
        ...durationDraft(c.durationSeconds),
      };
    case 'service':
      return { ...base, service: c.service, ...durationDraft(c.durationSeconds) };
    case 'offline':
      return { ...base, offlineSeconds: c.seconds };
    case 'traffic':
      return { ...base, direction: c.direction, quota: c.quota, quotaUnit: c.unit };
    case 'container':
      return { ...base, ...containerDraft(c), ...durationDraft(c.durationSeconds) };
  }
}

export function ruleDraft(rule: AlertRule): RuleDraft {
  return {
    name: rule.name,
    enabled: rule.enabled,
    severity: rule.severity,
    conditions: rule.conditions.map(conditionDraft),
    scopeMode: rule.scope.mode,
    serverIds: [...rule.scope.serverIds],
    groupIds: [...rule.scope.groupIds],
    tags: rule.scope.tags.join(', '),
    trigger: rule.trigger,
    repeatMinutes: rule.repeatMinutes ?? 30,
    notificationGroupId: rule.notificationGroupId ?? '',
    silence: silenceDraft(rule.silence),
  };
}

const isInt = (v: number | null, min: number, max: number): v is number =>
  v !== null && Number.isInteger(v) && v >= min && v <= max;

function durationSeconds(c: ConditionDraft): number {
  return (c.duration ?? 0) * (c.durationUnit === 'min' ? 60 : 1);
}

function conditionErrors(c: ConditionDraft, at: string, errors: RuleErrors): void {
  switch (c.kind) {
    case 'metric':
      if (c.threshold === null || !Number.isFinite(c.threshold))
        errors[`${at}.threshold`] = 'Give a threshold.';
      if (!METRIC_CATALOG[c.metric].units.includes(c.unit))
        errors[`${at}.unit`] = `Pick a unit of ${METRIC_CATALOG[c.metric].label}.`;
      durationErrors(c, at, errors);
      return;
    case 'service':
      if (!c.service.trim()) errors[`${at}.service`] = 'Name the watched service.';
      durationErrors(c, at, errors);
      return;
    case 'offline':
      if (!isInt(c.offlineSeconds, 0, MAX_OFFLINE_S))
        errors[`${at}.offlineSeconds`] = 'Whole seconds, from 0 to 30 days.';
      return;
    case 'traffic':
      if (c.quota === null || !(c.quota > 0)) errors[`${at}.quota`] = 'The quota must be above 0.';
      return;
    case 'container':
      containerErrors(c, at, errors);
      durationErrors(c, at, errors);
      return;
  }
}

function durationErrors(c: ConditionDraft, at: string, errors: RuleErrors): void {
  const s = durationSeconds(c);
  if (c.duration === null || !Number.isInteger(s) || s < 0 || s > MAX_DURATION_S)
    errors[`${at}.duration`] = 'Whole seconds, from 0 to 24 hours.';
}

/** Every problem at once, keyed by field; empty when the draft can be sent. */
export function validateRule(d: RuleDraft): RuleErrors {
  const errors: RuleErrors = {};
  const name = d.name.trim();
  if (!name) errors['name'] = 'Give the rule a name.';
  else if (name.length > 100) errors['name'] = 'At most 100 characters.';
  if (d.conditions.length === 0) errors['conditions'] = 'Add at least one condition.';
  if (d.conditions.length > 10) errors['conditions'] = 'At most 10 conditions.';
  d.conditions.forEach((c, i) => conditionErrors(c, `conditions.${i}`, errors));
  const tags = parseTags(d.tags);
  if (tags.some((t) => t.length > 64)) errors['tags'] = 'A tag has at most 64 characters.';
  if (d.scopeMode === 'include' && d.serverIds.length + d.groupIds.length + tags.length === 0)
    errors['scope'] = 'Pick the servers, groups or tags the rule covers.';
  if (d.trigger === 'repeat' && !isInt(d.repeatMinutes, 1, MAX_REPEAT_MIN))
    errors['repeatMinutes'] = 'Whole minutes, from 1 to 10080 (a week).';
  const silence = silenceError(d.silence);
  if (silence) errors['silence'] = silence;
  return errors;
}

function conditionBody(c: ConditionDraft): Condition {
  switch (c.kind) {
    case 'metric': {
      const mountpoint = c.metric === 'disk' ? c.mountpoint.trim() : '';
      return {
        kind: 'metric',
        metric: c.metric,
        ...(mountpoint ? { mountpoint } : {}),
        operator: c.operator,
        threshold: c.threshold ?? 0,
        unit: c.unit,
        durationSeconds: durationSeconds(c),
      };
    }
    case 'service':
      return { kind: 'service', service: c.service.trim(), durationSeconds: durationSeconds(c) };
    case 'offline':
      return { kind: 'offline', seconds: c.offlineSeconds ?? 0 };
    case 'traffic':
      return { kind: 'traffic', direction: c.direction, quota: c.quota ?? 0, unit: c.quotaUnit };
    case 'container':
      return containerBody(c, durationSeconds(c));
  }
}

/** The request body (for POST, and as a whole for PATCH) of a draft that validated. */
export function ruleBody(d: RuleDraft): CreateRuleBody {
  const all = d.scopeMode === 'all';
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    severity: d.severity,
    conditions: d.conditions.map(conditionBody),
    scope: {
      mode: d.scopeMode,
      serverIds: all ? [] : [...d.serverIds],
      groupIds: all ? [] : [...d.groupIds],
      tags: all ? [] : parseTags(d.tags),
    },
    trigger: d.trigger,
    repeatMinutes: d.trigger === 'repeat' ? d.repeatMinutes : null,
    notificationGroupId: d.notificationGroupId || null,
    silence: silenceBody(d.silence),
  };
}
