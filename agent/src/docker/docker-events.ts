import { DOCKER_EVENT_ACTIONS, type DockerEventAction, type DockerEventPayload } from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import { CONTAINER_ID, dockerHealth } from './container-snapshot.js';
import type { DockerEngine } from './docker-engine.js';
import { cutName, cutPath, engineMessage, num, obj, str } from './engine-values.js';

/** One engine event (`GET /events` line) as a `docker-event` payload; null for anything not forwarded. */
export function toDockerEvent(raw: unknown): DockerEventPayload | null {
  const event = obj(raw);
  if ((str(event['Type']) ?? 'container') !== 'container') return null;
  const actor = obj(event['Actor']);
  const attributes = obj(actor['Attributes']);
  const id = str(actor['ID']) ?? str(event['id']);
  if (id === undefined || !CONTAINER_ID.test(id)) return null;
  // "health_status: healthy" → action health_status, health healthy.
  const [head = '', detail] = (str(event['Action']) ?? str(event['status']) ?? '').split(':', 2);
  if (!(DOCKER_EVENT_ACTIONS as readonly string[]).includes(head)) return null;
  const action = head as DockerEventAction;
  const timeNano = num(event['timeNano']);
  const time = num(event['time']);
  // timeNano exceeds 2^53: as a double it is exact to ~256 ns, plenty for milliseconds.
  const at =
    timeNano !== undefined ? Math.round(timeNano / 1e6) : time !== undefined ? time * 1000 : Date.now();
  const name = str(attributes['name']);
  const image = str(attributes['image']) ?? str(event['from']);
  const payload: DockerEventPayload = {
    containerId: id,
    containerName: name === undefined ? null : cutName(name),
    image: image === undefined ? null : cutPath(image),
    action,
    at,
  };
  if (action === 'die') {
    const exitCode = Number(str(attributes['exitCode']) ?? NaN);
    payload.exitCode = Number.isInteger(exitCode) ? exitCode : null;
  }
  if (action === 'health_status') payload.health = dockerHealth(detail?.trim());
  return payload;
}

export interface DockerEventsOptions {
  engine: DockerEngine;
  logger: Logger;
  onEvent(event: DockerEventPayload): void;
  /** Waits before re-opening a dropped stream (engine restarts): doubles from min to max. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

const LINE_MAX_BYTES = 64 * 1024;

/**
 * Follows the engine's event stream and re-opens it when it drops (the engine restarted), from the
 * last event's second on, skipping the ones already seen. Logs when the stream is lost and back.
 */
export class DockerEvents {
  private stream: NodeJS.ReadableStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastNano = 0;
  /** After a reconnect from `since`, events up to here were seen before the stream dropped. */
  private replayUntil = 0;
  private delay: number;
  private lost = false;

  constructor(private readonly options: DockerEventsOptions) {
    this.delay = options.retryMinMs ?? 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.open();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const stream = this.stream;
    this.stream = undefined;
    if (stream) destroyStream(stream);
  }

  private async open(): Promise<void> {
    if (!this.running) return;
    const since = this.lastNano > 0 ? Math.floor(this.lastNano / 1e9) : undefined;
    this.replayUntil = this.lastNano;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.options.engine.events({ actions: DOCKER_EVENT_ACTIONS, since });
    } catch (error) {
      this.dropped(engineMessage(error));
      return;
    }
    if (!this.running) {
      destroyStream(stream);
      return;
    }
    this.stream = stream;
    if (this.lost) this.options.logger.info('following Docker events again');
    this.lost = false;
    this.delay = this.options.retryMinMs ?? 1000;
    let pending = '';
    stream.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (pending.length > LINE_MAX_BYTES) pending = '';
      for (const line of lines) this.line(line);
    });
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      if (this.stream === stream) this.stream = undefined;
      this.dropped(reason);
    };
    stream.on('end', () => end('the engine closed the event stream'));
    stream.on('error', (error: unknown) => end(engineMessage(error)));
    stream.on('close', () => end('the engine closed the event stream'));
  }

  private line(line: string): void {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return;
    }
    const nano = num(obj(raw)['timeNano']) ?? 0;
    if (nano !== 0 && nano <= this.replayUntil) return; // replayed after a reconnect
    if (nano > this.lastNano) this.lastNano = nano;
    const event = toDockerEvent(raw);
    if (event) this.options.onEvent(event);
  }

  private dropped(reason: string): void {
    if (!this.running) return;
    if (!this.lost) this.options.logger.warn('lost the Docker event stream: retrying', { reason });
    this.lost = true;
    this.timer = setTimeout(() => void this.open(), this.delay);
    this.timer.unref();
    this.delay = Math.min(this.delay * 2, this.options.retryMaxMs ?? 10_000);
  }
}

function destroyStream(stream: NodeJS.ReadableStream): void {
  (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}
