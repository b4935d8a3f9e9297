import type { NotificationMessage } from '../message.js';
import {
  DeliveryError,
  type ChannelSender,
  type ResolvedChannel,
  type SendResult,
} from './channel-sender.js';
import type { HttpClient, HttpRequest } from './http-client.js';

/** One HTTP call to a service, before the timeout is added. */
export type ServiceRequest = Omit<HttpRequest, 'timeoutMs'>;

/**
 * A chat, push or paging service reached over HTTP: how a message becomes its documented request
 * (a pure function, so each service's payload is tested on its own).
 */
export interface ServiceApi {
  /** Names the service in the delivery log ("PagerDuty: HTTP 400 …"). */
  readonly label: string;
  request(channel: ResolvedChannel, m: NotificationMessage): ServiceRequest;
}

/** Sends what a `ServiceApi` builds; a failure names the service. */
export class ServiceSender implements ChannelSender {
  constructor(
    private readonly http: HttpClient,
    private readonly api: ServiceApi,
  ) {}

  async send(channel: ResolvedChannel, m: NotificationMessage, timeoutMs: number): Promise<SendResult> {
    const req = this.api.request(channel, m);
    try {
      return { responseCode: await this.http.request({ ...req, timeoutMs }) };
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      throw new DeliveryError(
        `${this.api.label}: ${err.message}`,
        err.responseCode,
        err.retryAfterMs,
        err.kind,
      );
    }
  }
}

/** A JSON POST, the shape most services take. */
export function jsonPost(url: string, body: object, headers: Record<string, string> = {}): ServiceRequest {
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Hivewatch', ...headers },
    body: JSON.stringify(body),
  };
}
