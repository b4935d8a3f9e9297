import { z } from 'zod';
import { timeParam } from '../../common/http/query-schemas.js';
import { BASE_METRICS, DISK_PREFIX, NET_PREFIX } from '../metric-catalog.js';

export const RESOLUTIONS = ['auto', 'minute', 'hour'] as const;

const VALID_HINT = `${BASE_METRICS.join(', ')}, ${DISK_PREFIX}<mountpoint>, ${DISK_PREFIX}*, ${NET_PREFIX}<interface>, ${NET_PREFIX}*`;

function isMetric(name: string): boolean {
  return (
    BASE_METRICS.includes(name) ||
    (name.startsWith(DISK_PREFIX) && name.length > DISK_PREFIX.length) ||
    (name.startsWith(NET_PREFIX) && name.length > NET_PREFIX.length)
  );
}

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
        message: `unknown metric(s): ${unknown.join(', ') || '(none given)'}; valid: ${VALID_HINT}`,
      });
      return z.NEVER;
    }
    return names;
  })
  .meta({
    type: 'string',
    description: `Comma-separated metric names (default: every base metric). Valid: ${VALID_HINT}`,
  });

export const historyQuerySchema = z
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
export type HistoryQuery = z.infer<typeof historyQuerySchema>;
