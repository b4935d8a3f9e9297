import { z } from 'zod';
import { timeParam } from './common.js';

/** `/api/v1/servers/:id/traffic` (src/traffic). */

export const TRAFFIC_CYCLES = ['monthly', 'quarterly', 'yearly'] as const;

export const trafficSettingsSchema = z.object({
  cycle: z.enum(TRAFFIC_CYCLES),
  startDay: z.number().int().min(1).max(28).default(1),
  quotaBytes: z.number().int().positive().nullable().default(null),
});
export type TrafficSettingsInput = z.infer<typeof trafficSettingsSchema>;

export const trafficHistoryQuerySchema = z.object({
  resolution: z.enum(['hourly', 'daily']).default('hourly'),
  from: timeParam.optional(),
  to: timeParam.optional(),
});
export type TrafficHistoryQuery = z.infer<typeof trafficHistoryQuerySchema>;

export const trafficUsageSchema = z.object({
  serverId: z.string(),
  cycle: z.enum(TRAFFIC_CYCLES),
  startDay: z.number(),
  quotaBytes: z.number().nullable(),
  cycleStart: z.string(),
  cycleEnd: z.string(),
  inBytes: z.number(),
  outBytes: z.number(),
  totalBytes: z.number(),
  /** Linear projection of the whole cycle from the usage so far. */
  projectedInBytes: z.number(),
  projectedOutBytes: z.number(),
  projectedTotalBytes: z.number(),
});
export type TrafficUsage = z.infer<typeof trafficUsageSchema>;

/** `GET /servers/:id/traffic/history`: byte totals per hour or day, times epoch ms. */
export const trafficHistorySchema = z.object({
  serverId: z.string(),
  resolution: z.enum(['hourly', 'daily']),
  from: z.number(),
  to: z.number(),
  points: z.array(z.object({ t: z.number(), inBytes: z.number(), outBytes: z.number() })),
});
export type TrafficHistory = z.infer<typeof trafficHistorySchema>;
