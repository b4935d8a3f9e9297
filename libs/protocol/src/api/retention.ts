import { z } from 'zod';

/** `/api/v1/settings/retention` (src/records). */

export const MINUTE_RETENTION_MAX_DAYS = 366;
export const HOURLY_RETENTION_MAX_DAYS = 3660;

export const retentionSchema = z.object({
  minuteDays: z
    .number()
    .int()
    .min(1)
    .max(MINUTE_RETENTION_MAX_DAYS)
    .describe('per-minute rows are kept this many days'),
  hourlyDays: z
    .number()
    .int()
    .min(1)
    .max(HOURLY_RETENTION_MAX_DAYS)
    .describe('hourly rows are kept this many days'),
});
export type Retention = z.infer<typeof retentionSchema>;

/** PUT body: either or both; what is left out keeps its current value. */
export const retentionUpdateSchema = retentionSchema
  .partial()
  .strict()
  .refine((v) => v.minuteDays !== undefined || v.hourlyDays !== undefined, {
    message: 'give minuteDays, hourlyDays or both',
  });
export type RetentionUpdate = z.infer<typeof retentionUpdateSchema>;

/** What GET answers: the values in force and the configured defaults they override. */
export const retentionViewSchema = retentionSchema.extend({ defaults: retentionSchema });
export type RetentionView = z.infer<typeof retentionViewSchema>;
