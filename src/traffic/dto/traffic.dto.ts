import { z } from 'zod';
import { timeParam } from '../../common/http/query-schemas.js';

export const trafficSettingsSchema = z.object({
  cycle: z.enum(['monthly', 'quarterly', 'yearly']),
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

export interface TrafficUsageView {
  serverId: string;
  cycle: 'monthly' | 'quarterly' | 'yearly';
  startDay: number;
  quotaBytes: number | null;
  cycleStart: string;
  cycleEnd: string;
  inBytes: number;
  outBytes: number;
  totalBytes: number;
  /** Linear projection of the whole cycle from the usage so far. */
  projectedInBytes: number;
  projectedOutBytes: number;
  projectedTotalBytes: number;
}
