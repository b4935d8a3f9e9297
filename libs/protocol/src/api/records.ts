import { z } from 'zod';
import { SAMPLE_GAUGE_FIELDS, type SampleGaugeField } from '../metrics/views.js';
import { timeParam } from './common.js';

/** `/api/v1/servers/:id/records` and `/live` (src/records). */

export const RESOLUTIONS = ['auto', 'minute', 'hour'] as const;

/** Per-filesystem usage and per-interface rates are asked for by these prefixes. */
export const DISK_PREFIX = 'disk:';
export const NET_PREFIX = 'net:';

/**
 * The query of `GET /servers/:id/records` for the given base metrics (the hub's record catalogue,
 * in stored order) plus `disk:<mountpoint>`, `disk:*`, `net:<interface>` and `net:*`.
 */
export function historyQuerySchemaFor(baseMetrics: readonly string[]) {
  const validNames = [
    ...baseMetrics,
    `${DISK_PREFIX}<mountpoint>`,
    `${DISK_PREFIX}*`,
    `${NET_PREFIX}<interface>`,
    `${NET_PREFIX}*`,
  ];
  const validHint = validNames.join(', ');
  // Swagger UI renders descriptions as Markdown and drops `<mountpoint>` as an HTML tag outside code spans.
  const validMarkdown = validNames.map((n) => `\`${n}\``).join(', ');
  const isMetric = (name: string) =>
    baseMetrics.includes(name) ||
    (name.startsWith(DISK_PREFIX) && name.length > DISK_PREFIX.length) ||
    (name.startsWith(NET_PREFIX) && name.length > NET_PREFIX.length);
  const metricsParam = z
    .string()
    .transform((v, ctx) => {
      const names = [
        ...new Set(
          v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0),
        ),
      ];
      const unknown = names.filter((n) => !isMetric(n));
      if (unknown.length > 0 || names.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown metric(s): ${unknown.join(', ') || '(none given)'}; valid: ${validHint}`,
        });
        return z.NEVER;
      }
      return names;
    })
    .meta({
      type: 'string',
      description: `Comma-separated metric names (default: every base metric). Valid: ${validMarkdown}`,
    });

  return z
    .object({
      from: timeParam.optional().describe('start (default: 1 hour before `to`)'),
      to: timeParam.optional().describe('end (default: now)'),
      resolution: z
        .enum(RESOLUTIONS)
        .default('auto')
        .describe('auto: minute rows up to 48 hours, hourly rows beyond'),
      metrics: metricsParam.optional(),
    })
    .refine((q) => !(q.from && q.to && q.from.getTime() > q.to.getTime()), {
      message: 'from must not be after to',
      path: ['from'],
    });
}
export type HistoryQuery = z.infer<ReturnType<typeof historyQuerySchemaFor>>;

/** A gauge over a period: mean and maximum. */
export const avgMaxSchema = z.object({ avg: z.number(), max: z.number() });
export type AvgMax = z.infer<typeof avgMaxSchema>;

/** Average receive / transmit rate of one interface, Mbit/s. */
export const netPointSchema = z.object({ in: z.number(), out: z.number() });
export type NetPoint = z.infer<typeof netPointSchema>;

/** One chart point: `t` is the period start (epoch ms); each metric asked for is a key, null when not reported. */
export type HistoryPoint = { t: number } & { [metric: string]: AvgMax | NetPoint | number | null };
export const historyPointSchema = z
  .object({ t: z.number() })
  .catchall(
    z.union([avgMaxSchema, netPointSchema, z.number(), z.null()]),
  ) as unknown as z.ZodType<HistoryPoint>;

export const historySchema = z.object({
  serverId: z.string(),
  resolution: z.enum(['minute', 'hour']),
  from: z.number(),
  to: z.number(),
  metrics: z.array(z.string()),
  points: z.array(historyPointSchema),
});
export type History = z.infer<typeof historySchema>;

export const sampleDiskSchema = z.object({
  mountpoint: z.string(),
  device: z.string().optional(),
  fstype: z.string().optional(),
  totalGB: z.number(),
  usedGB: z.number(),
  usagePercent: z.number(),
});
export type SampleDisk = z.infer<typeof sampleDiskSchema>;

export const sampleInterfaceSchema = z.object({
  name: z.string(),
  mac: z.string().optional(),
  ipv4: z.string().optional(),
  ipv6: z.string().optional(),
  downloadMbps: z.number(),
  uploadMbps: z.number(),
  /** Cumulative counters when the agent reports them (exact traffic accounting). */
  rxBytes: z.number().optional(),
  txBytes: z.number().optional(),
});
export type SampleInterface = z.infer<typeof sampleInterfaceSchema>;

export const sampleGpuSchema = z.object({
  index: z.number(),
  name: z.string().optional(),
  utilizationPercent: z.number().optional(),
  memoryUsedMB: z.number().optional(),
  memoryTotalMB: z.number().optional(),
  temperatureC: z.number().optional(),
});
export type SampleGpu = z.infer<typeof sampleGpuSchema>;

/** The sample fields the metric registry declares (network totals are sums over interfaces). */
const sampleGaugeShape = Object.fromEntries(
  SAMPLE_GAUGE_FIELDS.map((f) => [f, z.number().optional()]),
) as Record<SampleGaugeField, z.ZodOptional<z.ZodNumber>>;

/**
 * The dialect-free metrics sample, `GET /servers/:id/live`: what every agent report becomes at the
 * gateway's edge. Percentages 0–100, disk throughput MB/s, network Mbit/s, sizes GB, load per
 * logical CPU. Optional fields are absent when the agent does not report them.
 */
export const liveSampleSchema = z.object({
  serverId: z.string(),
  /** Bucket time, Unix ms: agent time corrected by the connection's clock offset (or receive time). */
  time: z.number(),
  receivedAt: z.number(),
  /** False for backfilled samples (outbox replay): stored, never broadcast as live. */
  live: z.boolean(),
  /** Outbox sequence number (protocol 2 agents), for acknowledgement and de-duplication. */
  seq: z.number().optional(),
  /** One optional number per registry metric held in a sample field (units: see docs/metrics.md). */
  ...sampleGaugeShape,
  // both dialects always report these two: required, unlike the registry's other sample fields
  cpuPercent: z.number(),
  memPercent: z.number(),
  memUsedGB: z.number().optional(),
  memTotalGB: z.number().optional(),
  disks: z.array(sampleDiskSchema),
  interfaces: z.array(sampleInterfaceSchema),
  gpus: z.array(sampleGpuSchema).optional(),
  watchedServices: z
    .array(z.object({ name: z.string(), activeState: z.string(), subState: z.string() }))
    .optional(),
});
export type LiveSample = z.infer<typeof liveSampleSchema>;
