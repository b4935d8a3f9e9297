import { historyQuerySchemaFor } from '@hivewatch/protocol';
import { BASE_METRICS } from '../metric-catalog.js';

export { RESOLUTIONS, type HistoryQuery } from '@hivewatch/protocol';

/** `GET /servers/:id/records` query over the hub's record catalogue (libs/protocol/src/api/records.ts). */
export const historyQuerySchema = historyQuerySchemaFor(BASE_METRICS);
