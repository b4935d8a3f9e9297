import { z } from 'zod';
import { simpleDiskUsageSchema, simpleErrorSchema, simpleNetworkSchema } from './simple-dialect.js';
import { isoDateTimeSchema, nonEmptyStringSchema, nonNegativeSchema, percentSchema } from './primitives.js';

/**
 * API-client streams of seed 001: `/api/v1/ws/metrics/{server_id}` and `/api/v1/ws/logs/{server_id}`.
 * snake_case like the rest of that document. The client authenticates with its first frame.
 */

/** Client → hub, first frame: a JWT access token or an API key (never in the URL). */
export const apiClientAuthSchema = z.object({ type: z.literal('auth'), token: nonEmptyStringSchema });
export type ApiClientAuth = z.infer<typeof apiClientAuthSchema>;

/** `data` of a metrics frame: seed 001's two required fields plus what the hub knows besides. */
export const apiMetricsDataSchema = z.object({
  server_id: z.string().optional().describe('always sent by this hub'),
  cpu_percent: percentSchema,
  memory_percent: percentSchema,
  swap_percent: percentSchema.nullish(),
  memory_used_gb: nonNegativeSchema.nullish(),
  load_1m: nonNegativeSchema.nullish().describe('normalized: load average / logical CPUs'),
  load_5m: nonNegativeSchema.nullish(),
  load_15m: nonNegativeSchema.nullish(),
  disk_read_mbps: nonNegativeSchema.nullish().describe('megabytes per second'),
  disk_write_mbps: nonNegativeSchema.nullish().describe('megabytes per second'),
  uptime_seconds: nonNegativeSchema.nullish(),
  memory_total_gb: nonNegativeSchema.nullish().describe('extra: gigabytes'),
  net_in_mbps: nonNegativeSchema.nullish().describe('extra: megabits per second, all interfaces'),
  net_out_mbps: nonNegativeSchema.nullish().describe('extra: megabits per second, all interfaces'),
  process_count: nonNegativeSchema.nullish().describe('extra'),
  tcp_connections: nonNegativeSchema.nullish().describe('extra'),
  udp_connections: nonNegativeSchema.nullish().describe('extra'),
  cpu_temperature_c: z.number().nullish().describe('extra: degrees Celsius'),
  disk_usage: z.array(simpleDiskUsageSchema).optional(),
  network: z
    .array(simpleNetworkSchema)
    .optional()
    .describe('upload_mbps/download_mbps in megabits per second'),
  timestamp: isoDateTimeSchema.optional().describe('sample time; always sent by this hub'),
});
export type ApiMetricsData = z.infer<typeof apiMetricsDataSchema>;

export const apiMetricsFrameSchema = z.object({ type: z.literal('metrics'), data: apiMetricsDataSchema });
export type ApiMetricsFrame = z.infer<typeof apiMetricsFrameSchema>;

/** One followed log line. `level` as the agent reports it, upper-case (INFO, WARNING, ERROR, …). */
export const apiLogFrameSchema = z.object({
  type: z.literal('log'),
  data: z.object({
    level: z.string(),
    message: z.string(),
    timestamp: isoDateTimeSchema,
    service: z.string().optional(),
  }),
});
export type ApiLogFrame = z.infer<typeof apiLogFrameSchema>;

/** Alert state change for the stream's server. */
export const apiAlertFrameSchema = z.object({
  type: z.literal('alert'),
  data: z.object({
    alert_id: z.string(),
    rule_name: z.string(),
    server_id: z.string(),
    state: z.enum(['triggered', 'resolved']),
    severity: z.enum(['info', 'warning', 'critical']),
    message: z.string(),
    timestamp: isoDateTimeSchema,
  }),
});
export type ApiAlertFrame = z.infer<typeof apiAlertFrameSchema>;

/** Every hub → API-client frame. */
export const apiClientFrameSchema = z.discriminatedUnion('type', [
  apiMetricsFrameSchema,
  apiLogFrameSchema,
  apiAlertFrameSchema,
  simpleErrorSchema,
]);
export type ApiClientFrame = z.infer<typeof apiClientFrameSchema>;
