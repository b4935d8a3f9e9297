import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as UTC epoch milliseconds in a BIGINT on every dialect: no time-zone
 * ambiguity (PostgreSQL's `timestamp` + node-pg local-time parsing), compact in SQLite, and
 * trivially comparable. Entities see `Date`.
 */
const epochMs: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : value),
  from: (value: string | number | null) =>
    value === null || value === undefined ? null : new Date(Number(value)),
};

export function TimestampColumn(
  options: Omit<ColumnOptions, 'type' | 'transformer'> = {},
): PropertyDecorator {
  return Column({ ...options, type: 'bigint', transformer: epochMs });
}

/** UUID primary keys are generated in code (crypto.randomUUID) so both dialects behave alike. */
export const UUID_LENGTH = 36;

/** BIGINT counters and ids read back as numbers (PostgreSQL returns BIGINT as a string); values stay within Number.MAX_SAFE_INTEGER. */
export const safeInteger: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
