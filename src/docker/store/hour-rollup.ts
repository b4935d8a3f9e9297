import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { mergeRows, type FigureRow } from '../figures/container-figures.js';
import { DockerStore, type StoredFigures } from './docker-store.js';

/**
 * Hourly rows from minute rows: the hours whose minutes were written are remembered, and once an
 * hour has closed its rows are recomputed from all its stored minutes (idempotent: a restart in
 * the middle of an hour recomputes the whole hour). At shutdown the open hour is rolled up too.
 */
@Injectable()
export class HourRollup {
  private readonly touched = new Map<number, Set<number>>();

  constructor(
    private readonly store: DockerStore,
    private readonly transactions: TransactionRunner,
  ) {}

  touch(containerKey: number, minute: number): void {
    const hour = Math.floor(minute / 60);
    let keys = this.touched.get(hour);
    if (!keys) this.touched.set(hour, (keys = new Set()));
    keys.add(containerKey);
  }

  /** Rolls up the touched hours before `beforeHour` (all of them when undefined). Call on the write queue. */
  async rollUp(beforeHour?: number): Promise<number> {
    let rows = 0;
    for (const [hour, keys] of [...this.touched].sort((a, b) => a[0] - b[0])) {
      if (beforeHour !== undefined && hour >= beforeHour) continue;
      const minutes = await this.store.figureRange('minute', [...keys], hour * 60, hour * 60 + 59);
      const out = foldHours(minutes, hour);
      await this.transactions.run((m) => this.store.upsertFigures(m, 'hour', out));
      this.touched.delete(hour);
      rows += out.length;
    }
    return rows;
  }
}

/** Minute rows of one hour, folded per container. */
export function foldHours(minutes: readonly StoredFigures[], hour: number): StoredFigures[] {
  const byKey = new Map<number, FigureRow>();
  for (const { containerKey, at: _at, ...row } of minutes) {
    const prev = byKey.get(containerKey);
    byKey.set(containerKey, prev ? mergeRows(prev, row) : row);
  }
  return [...byKey].map(([containerKey, row]) => ({ containerKey, at: hour, ...row }));
}
