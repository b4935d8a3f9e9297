import {
  activeAlertSchema,
  apiKeySchema,
  groupSchema,
  historySchema,
  liveSampleSchema,
  meSchema,
  serverListSchema,
  serverSchema,
  tagCountSchema,
  type ActiveAlert,
  type ApiKey,
  type Group,
  type History,
  type LiveSample,
  type Me,
  type RESOLUTIONS,
  type Server,
  type ServerList,
  type TagCount,
} from '@hivewatch/protocol';
import { z } from 'zod';
import { HttpTransport, type HttpOptions } from './http.js';

export type HivewatchClientOptions = HttpOptions;

export interface ServerFilter {
  /** A tag the servers carry (lower-cased by the hub). */
  tag?: string;
  /** A group id, or `none` for servers in no group. */
  groupId?: string;
  /** Case-insensitive substring of the name. */
  q?: string;
}

export interface ServerPage extends ServerFilter {
  limit?: number;
  offset?: number;
}

export interface HistoryRequest {
  from?: Date;
  to?: Date;
  resolution?: (typeof RESOLUTIONS)[number];
  /** Record keys (`cpu`, `mem`, `load1`, …), `disk:<mountpoint>`, `disk:*`, `net:<interface>`, `net:*`. */
  metrics?: readonly string[];
}

/** Largest page the hub answers for `GET /servers`. */
const SERVER_PAGE = 1000;
/** `listAllServers` stops here: a fleet beyond this is read page by page. */
export const MAX_LISTED_SERVERS = 20_000;

const idSegment = (id: string) => encodeURIComponent(id);

/**
 * Reads the hub's REST API with an API key (`Authorization: Bearer hw_…`). Every answer is
 * checked against the shared contract (`@hivewatch/protocol`); every failure is a
 * `HivewatchApiError`, `HivewatchConnectionError` or `HivewatchResponseError`.
 */
export class HivewatchClient {
  private readonly http: HttpTransport;

  constructor(options: HivewatchClientOptions) {
    this.http = new HttpTransport(options);
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** Who the key belongs to and what it may do (`scope: read | admin | ops`). */
  me(signal?: AbortSignal): Promise<Me> {
    return this.http.getJson('/api/v1/auth/me', meSchema, {}, signal);
  }

  listServers(page: ServerPage = {}, signal?: AbortSignal): Promise<ServerList> {
    return this.http.getJson(
      '/api/v1/servers',
      serverListSchema,
      { tag: page.tag, groupId: page.groupId, q: page.q, limit: page.limit, offset: page.offset },
      signal,
    );
  }

  /** Every server matching `filter`, in the console's display order, page by page. */
  async listAllServers(filter: ServerFilter = {}, signal?: AbortSignal): Promise<Server[]> {
    const out: Server[] = [];
    for (;;) {
      const page = await this.listServers({ ...filter, limit: SERVER_PAGE, offset: out.length }, signal);
      out.push(...page.items);
      if (page.items.length === 0 || out.length >= page.total) return out;
      if (out.length >= MAX_LISTED_SERVERS) {
        throw new RangeError(`more than ${MAX_LISTED_SERVERS} servers match: narrow the filter`);
      }
    }
  }

  getServer(id: string, signal?: AbortSignal): Promise<Server> {
    return this.http.getJson(`/api/v1/servers/${idSegment(id)}`, serverSchema, {}, signal);
  }

  listGroups(signal?: AbortSignal): Promise<Group[]> {
    return this.http.getJson('/api/v1/groups', z.array(groupSchema), {}, signal);
  }

  listTags(signal?: AbortSignal): Promise<TagCount[]> {
    return this.http.getJson('/api/v1/tags', z.array(tagCountSchema), {}, signal);
  }

  /** The latest sample the server's agent sent (404 until one arrived). */
  liveSample(serverId: string, signal?: AbortSignal): Promise<LiveSample> {
    return this.http.getJson(`/api/v1/servers/${idSegment(serverId)}/live`, liveSampleSchema, {}, signal);
  }

  /** Minute or hourly history (avg/max of gauges, last value of counters) of one server. */
  history(serverId: string, req: HistoryRequest = {}, signal?: AbortSignal): Promise<History> {
    return this.http.getJson(
      `/api/v1/servers/${idSegment(serverId)}/records`,
      historySchema,
      {
        from: req.from?.toISOString(),
        to: req.to?.toISOString(),
        resolution: req.resolution,
        metrics: req.metrics?.join(','),
      },
      signal,
    );
  }

  /** Pending and firing alerts, of one server or of all. */
  activeAlerts(serverId?: string, signal?: AbortSignal): Promise<ActiveAlert[]> {
    return this.http.getJson('/api/v1/alerts/active', z.array(activeAlertSchema), { serverId }, signal);
  }

  /** The caller's API keys (metadata only). */
  listApiKeys(signal?: AbortSignal): Promise<ApiKey[]> {
    return this.http.getJson('/api/v1/api-keys', z.array(apiKeySchema), {}, signal);
  }
}
