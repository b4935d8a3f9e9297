import { z } from 'zod';

/** A point in time in a request body: ISO-8601 with offset, or epoch milliseconds. */
export const dateInput = z
  .union([z.iso.datetime({ offset: true }), z.number().int().nonnegative().max(8_640_000_000_000_000)])
  .transform((v) => new Date(v))
  .meta({ description: 'ISO-8601 time or epoch milliseconds' });

export const nameInput = (max: number) => z.string().trim().min(1).max(max);
