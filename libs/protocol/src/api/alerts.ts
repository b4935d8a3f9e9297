import { z } from 'zod';
import { ALERT_METRICS, metricDef, type AlertMetric } from '../metrics/views.js';
import { containerConditionSchema } from './alert-container.js';
import { limitParam, severitySchema, timeParam, wireTimeSchema } from './common.js';

export * from './alert-container.js';

/** `/api/v1/alert-rules` and `/api/v1/alerts` (src/alerts, docs/alerts.md). */

/** A metric's base unit (samples are in it) and the other units a threshold may be given in: factor to the base unit. */
export interface ThresholdUnits {
  unit: string;
  units?: Readonly<Record<string, number>>;
}

/** Threshold units of each alert metric (ALERT_METRICS: the registry's alertable keys, in its order). */
export const ALERT_METRIC_UNITS: Readonly<Record<AlertMetric, ThresholdUnits>> = Object.fromEntries(
  ALERT_METRICS.map((key): [AlertMetric, ThresholdUnits] => {
    const def = metricDef(key);
    const units = def.alert?.units;
    return [key, units ? { unit: def.unit, units } : { unit: def.unit }];
  }),
) as Record<AlertMetric, ThresholdUnits>;

/** Units a metric's threshold may be written in: the base unit first, then the other units (the base may repeat). */
export function allowedUnits(metric: AlertMetric): string[] {
  const def = ALERT_METRIC_UNITS[metric];
  return [def.unit, ...Object.keys(def.units ?? {})];
}

export const OPERATORS = ['>', '>=', '<', '<='] as const;
export type Operator = (typeof OPERATORS)[number];

const durationSeconds = z.number().int().min(0).max(86_400).default(0);

export const metricConditionSchema = z.object({
  kind: z.literal('metric'),
  metric: z.enum(ALERT_METRICS),
  /** Only for `disk`: one filesystem by mount point; absent = the fullest filesystem. */
  mountpoint: z.string().min(1).max(255).optional(),
  operator: z.enum(OPERATORS),
  threshold: z.number().finite(),
  /** Unit of the threshold; absent = the metric's base unit (see docs/alerts.md). */
  unit: z.string().max(16).optional(),
  durationSeconds,
});

export const serviceConditionSchema = z.object({
  kind: z.literal('service'),
  /** A watched service whose state is not `active`. */
  service: z.string().min(1).max(255),
  durationSeconds,
});

export const offlineConditionSchema = z.object({
  kind: z.literal('offline'),
  seconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400),
});

export const trafficConditionSchema = z.object({
  kind: z.literal('traffic'),
  direction: z.enum(['in', 'out', 'total']),
  /** Quota of the server's current billing cycle (src/traffic settings). */
  quota: z.number().positive(),
  unit: z.enum(['B', 'KB', 'MB', 'GB', 'TB']).default('GB'),
});

export const conditionSchema = z.discriminatedUnion('kind', [
  metricConditionSchema,
  serviceConditionSchema,
  offlineConditionSchema,
  trafficConditionSchema,
  containerConditionSchema,
]);
export type Condition = z.infer<typeof conditionSchema>;
export type MetricCondition = z.infer<typeof metricConditionSchema>;

export const scopeSchema = z.object({
  mode: z.enum(['all', 'include', 'exclude']).default('all'),
  serverIds: z.array(z.uuid()).max(10_000).default([]),
  groupIds: z.array(z.uuid()).max(1000).default([]),
  tags: z.array(z.string().min(1).max(64)).max(1000).default([]),
});
export type RuleScope = z.infer<typeof scopeSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h, UTC)');
/** A daily window in UTC (may wrap midnight) during which notifications are held back. */
export const silenceSchema = z.object({ start: hhmm, end: hhmm });
export type SilenceWindow = z.infer<typeof silenceSchema>;

const ruleFields = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  severity: severitySchema.default('warning'),
  conditions: z.array(conditionSchema).min(1).max(10),
  scope: scopeSchema.default({ mode: 'all', serverIds: [], groupIds: [], tags: [] }),
  trigger: z.enum(['once', 'repeat']).default('once'),
  /** Only for `repeat`: minutes between re-notifications while firing. */
  repeatMinutes: z.number().int().min(1).max(10_080).nullable().default(null),
  notificationGroupId: z.uuid().nullable().default(null),
  silence: silenceSchema.nullable().default(null),
});

const repeatNeedsInterval = (r: { trigger?: string; repeatMinutes?: number | null }) =>
  r.trigger !== 'repeat' || (r.repeatMinutes ?? null) !== null;
const repeatMessage = { message: 'repeat needs repeatMinutes', path: ['repeatMinutes'] };

export const createRuleSchema = ruleFields.refine(repeatNeedsInterval, repeatMessage);
export type CreateRuleInput = z.infer<typeof createRuleSchema>;

export const updateRuleSchema = z
  .object({
    name: ruleFields.shape.name,
    enabled: z.boolean(),
    severity: ruleFields.shape.severity.unwrap(),
    conditions: ruleFields.shape.conditions,
    scope: scopeSchema,
    trigger: z.enum(['once', 'repeat']),
    repeatMinutes: z.number().int().min(1).max(10_080).nullable(),
    notificationGroupId: z.uuid().nullable(),
    silence: silenceSchema.nullable(),
  })
  .partial()
  .strict();
export type UpdateRuleInput = z.infer<typeof updateRuleSchema>;

/** Who created a rule: an admin (`user`) or the hub's first start (`default`). */
export const RULE_ORIGINS = ['user', 'default'] as const;
export type RuleOrigin = (typeof RULE_ORIGINS)[number];

/** A stored rule as the API answers it. */
export const alertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  severity: severitySchema,
  /** ALL must hold. */
  conditions: z.array(conditionSchema),
  scope: scopeSchema,
  trigger: z.enum(['once', 'repeat']),
  repeatMinutes: z.number().nullable(),
  notificationGroupId: z.string().nullable(),
  silence: silenceSchema.nullable(),
  /** `default`: created by the hub on its first start (editable and deletable like any rule). */
  origin: z.enum(RULE_ORIGINS),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export type AlertStateName = (typeof ALERT_STATES)[number];

export const alertQuerySchema = z.object({
  ruleId: z.uuid().optional(),
  serverId: z.uuid().optional(),
  state: z.enum(ALERT_STATES).optional(),
  from: timeParam.optional().describe('alerts that started at or after this time'),
  to: timeParam.optional().describe('alerts that started at or before this time'),
  cursor: z.string().max(64).optional().describe('the `nextCursor` of the previous page'),
  limit: limitParam(),
});
export type AlertQuery = z.infer<typeof alertQuerySchema>;

export const activeAlertQuerySchema = z.object({ serverId: z.uuid().optional() });
export type ActiveAlertQuery = z.infer<typeof activeAlertQuerySchema>;

/** Who acknowledged a firing alert and until when it is snoozed (all null: neither; cleared when it resolves). */
function alertAckFields<T extends z.ZodType>(time: T) {
  return {
    acknowledgedAt: time.nullable(),
    /** Username of who acknowledged it. */
    acknowledgedBy: z.string().nullable(),
    ackComment: z.string().nullable(),
    /** No notification is sent for the alert before this time (a past time: the snooze has ended). */
    snoozedUntil: time.nullable(),
  };
}

export const ACK_COMMENT_MAX = 500;
/** The longest snooze: 30 days. */
export const SNOOZE_MAX_MINUTES = 30 * 1440;

/** `POST /alerts/{id}/acknowledge`: stops the alert's repeat notifications until it resolves. */
export const acknowledgeAlertSchema = z
  .object({ comment: z.string().trim().max(ACK_COMMENT_MAX).optional() })
  .strict();
export type AcknowledgeAlertInput = z.infer<typeof acknowledgeAlertSchema>;

/** `POST /alerts/{id}/snooze`: for `minutes` from now, or until a time at most 30 days ahead. */
export const snoozeAlertSchema = z.union([
  z.object({ minutes: z.number().int().min(1).max(SNOOZE_MAX_MINUTES) }).strict(),
  z
    .object({ until: timeParam.describe('ISO-8601 time or epoch milliseconds, at most 30 days ahead') })
    .strict(),
]);
export type SnoozeAlertInput = z.infer<typeof snoozeAlertSchema>;

/** A pending or firing alert from `GET /alerts/active` (times are epoch milliseconds). */
export const activeAlertSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  serverId: z.string(),
  serverName: z.string(),
  /** The container a container condition's alert is about; null (or absent) for a server's alert. */
  container: z.string().nullable().optional(),
  severity: severitySchema,
  state: z.enum(['pending', 'firing']),
  startedAt: z.number(),
  firedAt: z.number().nullable(),
  lastNotifiedAt: z.number().nullable(),
  notificationCount: z.number(),
  value: z.number().nullable(),
  message: z.string(),
  ...alertAckFields(z.number()),
});
export type ActiveAlert = z.infer<typeof activeAlertSchema>;

/** One alert episode of a (rule, server) pair, or (rule, server, container), from `GET /alerts`. */
export const alertRecordSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  serverId: z.string(),
  serverName: z.string(),
  /** The container a container condition's alert is about; null for a server's alert. */
  container: z.string().nullable(),
  state: z.enum(ALERT_STATES),
  severity: severitySchema,
  startedAt: wireTimeSchema,
  firedAt: wireTimeSchema.nullable(),
  resolvedAt: wireTimeSchema.nullable(),
  lastNotifiedAt: wireTimeSchema.nullable(),
  notificationCount: z.number(),
  value: z.number().nullable(),
  message: z.string(),
  resolution: z.string().nullable(),
  ...alertAckFields(wireTimeSchema),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

export const alertPageSchema = z.object({
  items: z.array(alertRecordSchema),
  nextCursor: z.string().nullable(),
});
export type AlertPage = z.infer<typeof alertPageSchema>;
