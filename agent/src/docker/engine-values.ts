import { MAX_NAME_CHARS, MAX_PATH_CHARS, MAX_TEXT_CHARS } from '@hivewatch/protocol';

/**
 * Defensive readers for the Engine API's JSON: the agent trusts its engine no more than it must, so
 * every value is read by type, bounded and cut to the wire's lengths before it leaves the host.
 */

export type JsonObject = Record<string, unknown>;

export function obj(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function bool(value: unknown): boolean {
  return value === true;
}

export function cut(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}

export const cutName = (text: string): string => cut(text, MAX_NAME_CHARS);
export const cutPath = (text: string): string => cut(text, MAX_PATH_CHARS);
export const cutText = (text: string): string => cut(text, MAX_TEXT_CHARS);

/** A non-negative integer count (pids, restarts), or null. */
export function count(value: unknown): number | null {
  const n = num(value);
  return n === undefined || n < 0 ? null : Math.min(Math.round(n), 10_000_000);
}

/** A byte figure in 0..2^53−1, or null. */
export function bytes(value: unknown): number | null {
  const n = num(value);
  return n === undefined || n < 0 ? null : Math.min(n, Number.MAX_SAFE_INTEGER);
}

/** Engine time strings: "0001-01-01T00:00:00Z" means never; fractions beyond milliseconds are cut. */
export function engineTimeMs(value: unknown): number | null {
  const text = str(value);
  if (text === undefined || text.startsWith('0001-')) return null;
  const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) && ms > 0 && ms < 7_258_118_400_000 ? ms : null;
}

/** The container name without its leading slash (the Engine API's `/web` is `web`). */
export function containerName(value: unknown): string {
  return cutName((str(value) ?? '').replace(/^\//, ''));
}

/**
 * The engine's own words for a failed call: docker-modem wraps them as
 * "(HTTP code 404) no such container - No such container: x"; the hub gets "No such container: x".
 */
export function engineMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const json = obj((error as Error & { json?: unknown }).json);
  const message = str(json['message']);
  if (message !== undefined && message.trim() !== '') return cutText(message.trim());
  const wrapped = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(error.message);
  const text = (wrapped?.[1] ?? error.message).trim();
  return cutText(text === '' ? error.message : text);
}
