import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/auth/clock.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { RecordsWriteQueue } from '../../records/write-queue.js';
import type { DockerEventRow } from '../entities/docker-event.entity.js';
import { mergeRows } from '../figures/container-figures.js';
import { ContainerRegistry, type ClosedBucket, type ContainerEntry } from '../ingest/container-registry.js';
import { toContainerRow } from './container-row.js';
import { DockerStore, type StoredFigures } from './docker-store.js';
import { HourRollup } from './hour-rollup.js';

const MINUTE_MS = 60_000;
const GRACE_MS = 5_000;
/** Events buffered before a write is forced; more than this between two writes are dropped (counted). */
const EVENT_BUFFER_MAX = 10_000;
/** How soon a changed container row or a new event is written (several changes share a write). */
export const ROWS_DELAY_MS = 1_000;

export type EventToWrite = Omit<DockerEventRow, 'id'>;

/**
 * Writes what the ingest keeps in memory, on the records' write queue (one writer for SQLite):
 * container rows and events soon after they change (`flushRows`, debounced by the caller), minute
 * figures of closed minutes with the servers' last-seen times (`flushMinutes`, every flush period),
 * and hourly roll-ups once an hour has closed. A failed write keeps its rows for the next one.
 */
@Injectable()
export class DockerWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DockerWriter.name);
  private events: EventToWrite[] = [];
  droppedEvents = 0;
  /** Servers whose last `docker-stats` time must reach their present containers' rows. */
  private readonly lastSeen = new Map<string, number>();
  /** The first minute this process may share with rows written before it started. */
  private readonly startMinute: number;
  private rowsTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly registry: ContainerRegistry,
    private readonly store: DockerStore,
    private readonly rollup: HourRollup,
    private readonly queue: RecordsWriteQueue,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {
    this.startMinute = Math.floor(clock.now() / MINUTE_MS);
  }

  addEvent(row: EventToWrite): void {
    if (this.events.length >= EVENT_BUFFER_MAX) this.droppedEvents++;
    else this.events.push(row);
  }

  noteSeen(serverId: string, at: number): void {
    this.lastSeen.set(serverId, at);
  }

  forget(serverId: string): void {
    this.lastSeen.delete(serverId);
    this.events = this.events.filter((e) => e.serverId !== serverId);
  }

  /** Writes rows and events within ROWS_DELAY_MS, once for every change until then. */
  scheduleRows(): void {
    if (this.rowsTimer) return;
    this.rowsTimer = setTimeout(() => {
      this.rowsTimer = undefined;
      // a failure is logged by writeRows and retried with the next change or minute flush
      this.flushRows().catch(() => undefined);
    }, ROWS_DELAY_MS);
    this.rowsTimer.unref();
  }

  /** Container rows and events changed since the last call. */
  flushRows(): Promise<void> {
    return this.queue.run(() => this.writeRows());
  }

  /** Closed minutes (every minute at shutdown), last-seen times, then closed hours. */
  flushMinutes(all = false): Promise<number> {
    return this.queue.run(async () => {
      await this.writeRows();
      const now = this.clock.now();
      const closed = this.registry.takeClosed(all ? undefined : Math.floor((now - GRACE_MS) / MINUTE_MS));
      const written = await this.writeMinutes(closed);
      await this.rollup.rollUp(all ? undefined : Math.floor((now - GRACE_MS) / (60 * MINUTE_MS)));
      return written;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.rowsTimer);
    this.rowsTimer = undefined;
    await this.flushMinutes(true).catch((err: unknown) =>
      this.logger.error({ err }, 'could not write container figures at shutdown'),
    );
  }

  private async writeRows(): Promise<void> {
    const dirty = this.registry.takeDirty();
    const events = this.events;
    this.events = [];
    if (dirty.length === 0 && events.length === 0) return;
    try {
      await this.transactions.run(async (m) => {
        await this.store.upsertContainers(m, dirty.map(toContainerRow));
        await this.assignKeys(m, dirty);
        await this.store.insertEvents(m, events);
      });
    } catch (err) {
      this.registry.putBackDirty(dirty);
      this.events = [...events, ...this.events].slice(0, EVENT_BUFFER_MAX);
      this.logger.error({ err, rows: dirty.length, events: events.length }, 'docker rows not written; kept');
      throw err;
    }
    this.registry.settleRemoved(dirty);
  }

  private async assignKeys(m: EntityManager, entries: readonly ContainerEntry[]): Promise<void> {
    const byServer = new Map<string, ContainerEntry[]>();
    for (const e of entries) {
      if (e.key !== null) continue;
      const list = byServer.get(e.serverId);
      if (list) list.push(e);
      else byServer.set(e.serverId, [e]);
    }
    for (const [serverId, list] of byServer) {
      const keys = await this.store.keysOf(
        m,
        serverId,
        list.map((e) => e.containerId),
      );
      for (const e of list) e.key = keys.get(e.containerId) ?? null;
    }
  }

  private async writeMinutes(closed: ClosedBucket[]): Promise<number> {
    const seen = [...this.lastSeen];
    this.lastSeen.clear();
    const ready = closed.filter((b) => b.entry.key !== null);
    // a container whose row could not be written yet waits for its key
    if (ready.length < closed.length) this.registry.putBackClosed(closed.filter((b) => b.entry.key === null));
    if (ready.length === 0 && seen.length === 0) return 0;
    try {
      await this.transactions.run(async (m) => {
        const rows = await this.mergeEarly(m, ready);
        await this.store.upsertFigures(m, 'minute', rows);
        for (const [serverId, at] of seen) await this.store.touchLastSeen(m, serverId, at);
      });
    } catch (err) {
      this.registry.putBackClosed(ready);
      for (const [serverId, at] of seen) if (!this.lastSeen.has(serverId)) this.lastSeen.set(serverId, at);
      this.logger.error({ err, minutes: ready.length }, 'container minutes not written; kept');
      throw err;
    }
    for (const b of ready) this.rollup.touch(b.entry.key!, b.bucket.period);
    return ready.length;
  }

  /** Rows of the minute this process started in may exist already (written at the last shutdown). */
  private async mergeEarly(m: EntityManager, buckets: readonly ClosedBucket[]): Promise<StoredFigures[]> {
    const rows = buckets.map((b) => ({
      containerKey: b.entry.key!,
      at: b.bucket.period,
      ...b.bucket.toRow(),
    }));
    const early = rows.filter((r) => r.at <= this.startMinute);
    if (early.length === 0) return rows;
    const byMinute = new Map<number, StoredFigures[]>();
    for (const r of early) byMinute.set(r.at, [...(byMinute.get(r.at) ?? []), r]);
    for (const [minute, list] of byMinute) {
      const stored = await this.store.figuresAt(
        m,
        'minute',
        minute,
        list.map((r) => r.containerKey),
      );
      const old = new Map(stored.map((s) => [s.containerKey, s]));
      for (const r of list) {
        const o = old.get(r.containerKey);
        if (o) Object.assign(r, mergeRows(o, r));
      }
    }
    return rows;
  }
}
