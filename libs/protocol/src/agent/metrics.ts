import { z } from 'zod';
import { messageIdSchema } from '../envelope.js';
import {
  addressSchema,
  byteCounterSchema,
  countSchema,
  diskRateSchema,
  MAX_CPU_CORES,
  MAX_DISKS,
  MAX_GPUS,
  MAX_INTERFACES,
  MAX_WATCHED_SERVICES,
  nameSchema,
  netRateSchema,
  normalizedLoadValueSchema,
  pathSchema,
  PERCENT_NOTE,
  percentSchema,
  seqSchema,
  sizeGbSchema,
  sizeMbSchema,
  temperatureSchema,
  unixMsSchema,
  uptimeSecondsSchema,
} from '../primitives.js';

/**
 * The `metrics` event payload (agent → hub, every `metrics_interval` seconds, default 5).
 * Required fields are exactly seed 002's; everything marked "extension" is sent only by our agent.
 * Units: MBps = megabytes per second, Mbps = megabits per second, GB = 1024^3 bytes (what psutil-style agents
 * divide by; our agent does the same), MB for GPU memory = MiB as nvidia-smi reports.
 * Every number has a finite range and every list and string a size limit (limits.ts,
 * docs/protocol-limits.md); whole-host percentages up to 100.5 are clamped to 100.
 */

/** Load average divided by the number of logical CPUs (1.0 = every CPU busy). */
export const normalizedLoadSchema = z
  .object({
    '1m': normalizedLoadValueSchema,
    '5m': normalizedLoadValueSchema,
    '15m': normalizedLoadValueSchema,
  })
  .describe('load average / logical CPUs over 1, 5 and 15 minutes');
export type NormalizedLoad = z.infer<typeof normalizedLoadSchema>;

/** One mounted filesystem. */
export const diskUsageSchema = z.object({
  device: pathSchema.describe('block device, e.g. /dev/sda1'),
  mountpoint: pathSchema,
  fstype: nameSchema,
  totalGB: sizeGbSchema.describe('gigabytes'),
  usedGB: sizeGbSchema.describe('gigabytes'),
  usagePercent: percentSchema,
});
export type DiskUsage = z.infer<typeof diskUsageSchema>;

/** One network interface. Addresses may be missing or null on interfaces without one. */
export const networkInterfaceSchema = z.object({
  name: nameSchema,
  mac: addressSchema.nullish(),
  ipv4: addressSchema.nullish(),
  ipv6: addressSchema.nullish(),
  uploadSpeedMbps: netRateSchema.describe('megabits per second sent'),
  downloadSpeedMbps: netRateSchema.describe('megabits per second received'),
  netRxBytes: byteCounterSchema
    .optional()
    .describe('extension: cumulative bytes received since boot (exact traffic accounting)'),
  netTxBytes: byteCounterSchema.optional().describe('extension: cumulative bytes sent since boot'),
});
export type NetworkInterface = z.infer<typeof networkInterfaceSchema>;

/** Extension: one GPU. */
export const gpuSchema = z.object({
  index: countSchema.describe('device index'),
  name: nameSchema,
  // nvidia-smi answers `[N/A]` / `[Not Supported]` on some boards: the agent sends null then.
  utilizationPercent: percentSchema.nullable(),
  memoryUsedMB: sizeMbSchema.nullable().describe('MiB'),
  memoryTotalMB: sizeMbSchema.nullable().describe('MiB'),
  temperatureC: temperatureSchema.nullish().describe('degrees Celsius'),
});
export type Gpu = z.infer<typeof gpuSchema>;

/** Extension: state of a service on the agent's watchlist (systemd ActiveState / SubState). */
export const watchedServiceSchema = z.object({
  name: nameSchema,
  activeState: nameSchema.describe('e.g. active, inactive, failed'),
  subState: nameSchema.describe('e.g. running, dead, exited'),
});
export type WatchedService = z.infer<typeof watchedServiceSchema>;

/** Payload of the `metrics` event. */
export const metricsPayloadSchema = z.object({
  cpuUsagePercent: percentSchema.describe(`whole-host CPU usage, percent ${PERCENT_NOTE}`),
  ramUsagePercent: percentSchema.describe(`RAM in use, percent ${PERCENT_NOTE}`),
  ramUsedGB: sizeGbSchema.describe('RAM in use, gigabytes'),
  uptimeSeconds: uptimeSecondsSchema.describe(
    'seconds since boot (an integer per seed 002; fractions tolerated)',
  ),
  normalizedLoad: normalizedLoadSchema,
  diskReadSpeedMBps: diskRateSchema.describe('megabytes per second read, all disks'),
  diskWriteSpeedMBps: diskRateSchema.describe('megabytes per second written, all disks'),
  diskUsage: z.array(diskUsageSchema).max(MAX_DISKS),
  networkInterfaces: z.array(networkInterfaceSchema).max(MAX_INTERFACES),
  cpuPerCorePercent: z
    .array(percentSchema)
    .max(MAX_CPU_CORES)
    .optional()
    .describe('extension: busy percent per logical CPU, index = CPU number'),
  swapUsagePercent: percentSchema.optional().describe(`extension: swap in use, percent ${PERCENT_NOTE}`),
  ramTotalGB: sizeGbSchema.optional().describe('extension: installed RAM, gigabytes'),
  processCount: countSchema.optional().describe('extension'),
  tcpConnections: countSchema.optional().describe('extension: open TCP sockets'),
  udpConnections: countSchema.optional().describe('extension: open UDP sockets'),
  cpuTemperatureC: temperatureSchema.nullish().describe('extension: package temperature, degrees Celsius'),
  gpus: z.array(gpuSchema).max(MAX_GPUS).optional().describe('extension'),
  watchedServices: z
    .array(watchedServiceSchema)
    .max(MAX_WATCHED_SERVICES)
    .optional()
    .describe('extension: watchlist states'),
  seq: seqSchema
    .optional()
    .describe('extension: per-agent sample sequence number, acknowledged by the hub with `ack`'),
  backfill: z
    .boolean()
    .optional()
    .describe('extension: true for a sample replayed from the outbox after a reconnect (not live)'),
});
export type MetricsPayload = z.infer<typeof metricsPayloadSchema>;

/** A complete `metrics` event frame (errors then read `payload.diskUsage[0].totalGB: …`). */
export const metricsEventFrameSchema = z.object({
  type: z.literal('event'),
  id: messageIdSchema.nullish(),
  action: z.literal('metrics'),
  payload: metricsPayloadSchema,
  timestamp: unixMsSchema.nullish().describe('Unix epoch milliseconds; the sample time'),
});
export type MetricsEventFrame = z.infer<typeof metricsEventFrameSchema>;

/** Hub → agent: the sample with this `seq` (and all before it) is stored; drop them from the outbox. */
export const ackPayloadSchema = z.object({ seq: seqSchema });
export type AckPayload = z.infer<typeof ackPayloadSchema>;

/** The `ack` event frame, hub → agent (our agent only; never sent to a seed-002 agent). */
export const ackEventFrameSchema = z.object({
  type: z.literal('event'),
  action: z.literal('ack'),
  payload: ackPayloadSchema,
  timestamp: unixMsSchema.optional(),
});
export type AckEventFrame = z.infer<typeof ackEventFrameSchema>;
