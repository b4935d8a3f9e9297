import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs every transaction of the hub one at a time on SQLite. TypeORM's better-sqlite3 driver has a
 * single query runner, so two overlapping `transaction()` calls would nest as savepoints of each
 * other and commit or roll back each other's work. PostgreSQL gets a connection per transaction
 * and needs no queue. Keep the callbacks short and free of slow awaits (hash before, not inside).
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type !== 'postgres';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    const next = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
