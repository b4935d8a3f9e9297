import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import { COUNTERS, GAUGES } from './metric-catalog.js';

type SchemaObject = ApiResponseSchemaHost['schema'];

const avgMax: SchemaObject = {
  type: 'object',
  nullable: true,
  properties: { avg: { type: 'number' }, max: { type: 'number' } },
};

/** The OpenAPI description of GET /servers/{id}/records (the response is built, not validated). */
export const HISTORY_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    serverId: { type: 'string', format: 'uuid' },
    resolution: { type: 'string', enum: ['minute', 'hour'] },
    from: { type: 'integer', description: 'epoch ms' },
    to: { type: 'integer', description: 'epoch ms' },
    metrics: { type: 'array', items: { type: 'string' }, description: 'the keys present in every point' },
    points: {
      type: 'array',
      description:
        'Oldest first; one per minute or hour with data (gaps are missing points). `t` is the period start ' +
        '(epoch ms). Gauges are {avg, max}; counters the last value; `disk:<mountpoint>` the last usage %; ' +
        '`net:<interface>` {in, out} average Mbit/s. Counters and disk usage are kept every 5th minute in ' +
        'minute rows (null in between). null: not reported in that period. ' +
        `Units: ${[...GAUGES.map((g) => `${g.key} ${g.unit}`), ...COUNTERS.map((c) => `${c.key} ${c.unit}`)].join(', ')}.`,
      items: {
        type: 'object',
        properties: {
          t: { type: 'integer' },
          cpu: avgMax,
          mem: avgMax,
          uptime: { type: 'number', nullable: true },
        },
        additionalProperties: true,
      },
    },
  },
};
