import type { DataSource } from 'typeorm';

/**
 * Packed records live in a column declared `text` because TypeORM has no binary type that both
 * dialects accept (SQLite: blob, PostgreSQL: bytea). SQLite keeps whatever is bound, so the bytes
 * are stored as a BLOB at their exact size; PostgreSQL text cannot hold arbitrary bytes, so there
 * they are stored base64.
 */
export class PackedColumn {
  private readonly binary: boolean;

  constructor(dataSource: DataSource) {
    this.binary = dataSource.options.type === 'better-sqlite3';
  }

  toColumn(bytes: Buffer): Buffer | string {
    return this.binary ? bytes : bytes.toString('base64');
  }

  fromColumn(value: unknown): Uint8Array {
    if (value instanceof Uint8Array) return value;
    if (typeof value === 'string') return Buffer.from(value, 'base64');
    throw new Error('unexpected packed record value');
  }
}
