import { z } from 'zod';

/** Gauges a metric condition can watch (the records catalogue plus per-filesystem and GPU detail). */
export const ALERT_METRICS = [
  'cpu',
  'mem',
  'swap',
  'load1',
  'load5',
  'load15',
  'disk',
  'diskRead',
  'diskWrite',
  'netIn',
  'netOut',
  'tcp',
  'udp',
  'processes',
  'temperature',
  'gpu',
  'gpuMemory',
  'gpuTemperature',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

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
  severity: z.enum(['info', 'warning', 'critical']).default('warning'),
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
