// @hivewatch/client: a typed REST client for the Hivewatch hub (the `hivewatch` command line is in cli/).
export { HivewatchClient, MAX_LISTED_SERVERS } from './client.js';
export type { HistoryRequest, HivewatchClientOptions, ServerFilter, ServerPage } from './client.js';
export {
  HivewatchApiError,
  HivewatchConnectionError,
  HivewatchResponseError,
  errorCodeOf,
  isHivewatchError,
} from './errors.js';
export type { HivewatchError, HivewatchErrorCode } from './errors.js';
export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, normalizeBaseUrl } from './http.js';
export type { FetchLike } from './http.js';
