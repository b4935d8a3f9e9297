import { randomUUID } from 'node:crypto';
import { formatIssues, hubErrorSchema } from '@hivewatch/protocol';
import type { z } from 'zod';
import { HivewatchApiError, HivewatchConnectionError, HivewatchResponseError } from './errors.js';

/** Default time a request may take, connection included. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Longest timeout accepted: a pipeline must not hang for hours on a stuck proxy. */
export const MAX_TIMEOUT_MS = 10 * 60_000;
/** Bodies larger than this are refused: no hub answer the client reads comes near it. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export type QueryValue = string | number | undefined;

export interface HttpOptions {
  /** Hub base URL, e.g. `https://hub.example.com` (a path prefix such as `/monitoring` is kept). */
  url: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: FetchLike;
  userAgent?: string;
}

/** Validates and normalizes the base URL: http(s) only, no credentials, no query. */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`hub URL is not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`hub URL must start with http:// or https://, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('hub URL must not contain credentials: pass the API key separately');
  }
  if (url.search !== '' || url.hash !== '')
    throw new TypeError('hub URL must not contain a query or fragment');
  return url.toString().replace(/\/+$/, '');
}

function checkedTimeout(ms: number | undefined): number {
  if (ms === undefined) return DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
    throw new RangeError(`timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  return ms;
}

function retryAfter(res: Response): number | null {
  const v = res.headers.get('retry-after');
  return v !== null && /^\d{1,9}$/.test(v) ? Number(v) : null;
}

/** The JSON transport of the client: bearer authentication, request id, timeout, typed failures. */
export class HttpTransport {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: FetchLike;
  private readonly userAgent: string;

  constructor(options: HttpOptions) {
    this.baseUrl = normalizeBaseUrl(options.url);
    if (options.apiKey.trim() === '' || /\s/.test(options.apiKey)) {
      throw new TypeError('API key must be a non-empty token without whitespace');
    }
    this.apiKey = options.apiKey;
    this.timeoutMs = checkedTimeout(options.timeoutMs);
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.userAgent = options.userAgent ?? 'hivewatch-client';
  }

  /** `GET path?query` answered as JSON and parsed with `schema`. */
  async getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    query: Record<string, QueryValue> = {},
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    const url = this.urlOf(path, query);
    const requestId = randomUUID();
    const res = await this.send(url, requestId, signal);
    const body = await this.readJson(res, url, requestId);
    if (!res.ok) throw this.apiError(res, body, requestId);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new HivewatchResponseError(
        `the hub's answer to GET ${path} does not match this client's contract: ${formatIssues(parsed.error)}`,
        url,
        requestId,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    }
    return parsed.data;
  }

  urlOf(path: string, query: Record<string, QueryValue> = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${this.baseUrl}${path}${qs === '' ? '' : `?${qs}`}`;
  }

  private async send(url: string, requestId: string, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return await this.fetchFn(url, {
        method: 'GET',
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.apiKey}`,
          'User-Agent': this.userAgent,
          'X-Request-Id': requestId,
        },
        redirect: 'error',
        signal: combined,
      });
    } catch (err) {
      throw this.connectionError(err, url, requestId, timeout.aborted);
    }
  }

  private async readJson(res: Response, url: string, requestId: string): Promise<unknown> {
    let text: string;
    try {
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > MAX_BODY_BYTES) throw new Error(`answer of ${declared} bytes is too large`);
      text = await res.text();
    } catch (err) {
      throw this.connectionError(err, url, requestId, false);
    }
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (!res.ok) return undefined;
      throw new HivewatchResponseError(
        `the hub answered ${res.status} with a body that is not JSON (is ${this.baseUrl} the hub's address?)`,
        url,
        requestId,
        [],
      );
    }
  }

  private apiError(res: Response, body: unknown, sentId: string): HivewatchApiError {
    const parsed = hubErrorSchema.safeParse(body);
    if (!parsed.success) {
      const reason = res.statusText === '' ? `HTTP ${res.status}` : `HTTP ${res.status} ${res.statusText}`;
      return new HivewatchApiError(res.status, reason, sentId, [], retryAfter(res));
    }
    const { message, requestId } = parsed.data;
    const details = Array.isArray(message) ? message : [];
    const text = Array.isArray(message) ? message.join('; ') : message;
    return new HivewatchApiError(res.status, text, requestId ?? sentId, details, retryAfter(res));
  }

  private connectionError(
    err: unknown,
    url: string,
    requestId: string,
    timedOut: boolean,
  ): HivewatchConnectionError {
    if (timedOut) {
      return new HivewatchConnectionError(
        `no answer from ${this.baseUrl} within ${this.timeoutMs} ms`,
        url,
        requestId,
        true,
        { cause: err },
      );
    }
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new HivewatchConnectionError(`cannot reach ${this.baseUrl}: ${detail}`, url, requestId, false, {
      cause: err,
    });
  }
}
