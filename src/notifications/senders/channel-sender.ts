import type { ChannelSettings, ChannelType } from '../dto/channel.dto.js';
import type { NotificationMessage } from '../message.js';
import type { FailureKind } from './failure-kind.js';

/** A channel with its secrets opened: only ever held in memory for one send. */
export interface ResolvedChannel {
  id: string;
  name: string;
  type: ChannelType;
  settings: ChannelSettings;
  secrets: Record<string, unknown>;
}

export interface SendResult {
  responseCode: number | null;
}

/** A failed attempt: what the delivery log shows (never a secret). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | null = null,
    /** How long the service asked to wait before the next attempt (HTTP 429 `Retry-After`). */
    readonly retryAfterMs: number | null = null,
    /** `permanent`: the delivery fails at once instead of going through the retry schedule. */
    readonly kind: FailureKind = 'transient',
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface ChannelSender {
  send(channel: ResolvedChannel, message: NotificationMessage, timeoutMs: number): Promise<SendResult>;
}

/** Removes every secret value from a text (error messages of HTTP clients may echo URLs). */
export function redact(text: string, secrets: Record<string, unknown>): string {
  let out = text;
  const values: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === 'string' && v.length >= 4) values.push(v);
    else if (v && typeof v === 'object') for (const inner of Object.values(v)) collect(inner);
  };
  collect(secrets);
  for (const v of values) out = out.split(v).join('***');
  return out;
}
