import { Injectable } from '@nestjs/common';
import { DeliveryError } from './channel-sender.js';
import { httpFailureKind, requestFailureKind } from './failure-kind.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** The outgoing HTTP of notifications, behind an injectable (tests may replace it). */
@Injectable()
export class HttpClient {
  /** Resolves with the status for a 2xx answer; throws a DeliveryError (classified) otherwise. */
  async request(req: HttpRequest): Promise<number> {
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.method === 'GET' ? undefined : req.body,
        signal: AbortSignal.timeout(req.timeoutMs),
        redirect: 'manual',
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new DeliveryError(`request failed: ${detail}`, null, null, requestFailureKind(err));
    }
    const text = await res.text().catch(() => '');
    if (res.status < 200 || res.status >= 300) {
      const retryAfter = res.status === 429 ? retryAfterMs(res.headers.get('retry-after'), Date.now()) : null;
      throw new DeliveryError(
        `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
        res.status,
        retryAfter,
        httpFailureKind(res.status),
      );
    }
    return res.status;
  }

  /** POSTs `payload` as JSON; resolves with the status for a 2xx answer, throws a DeliveryError otherwise. */
  postJson(
    url: string,
    payload: object,
    timeoutMs: number,
    contentType = 'application/json',
  ): Promise<number> {
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': contentType },
      body: JSON.stringify(payload),
      timeoutMs,
    });
  }
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
