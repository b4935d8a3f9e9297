import { type Server, serverSchema } from '@hivewatch/protocol';
import type { z } from 'zod';

/**
 * Servers as `GET /api/v1/servers` answers them, for specs of the client and its command line.
 * Built from the protocol's server schema (not from the hub), so a field added to the wire shape
 * is filled here without touching any spec.
 */

/** When the fixture's server was created (and its token issued). */
export const FIXTURE_CREATED_AT = '2026-01-01T00:00:00.000Z';

/** The empty value a field of the schema allows: null, '', 0, false, [], {} or the first enum option. */
function emptyValue(schema: z.core.$ZodType, path: string): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case 'nullable':
      return null;
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'record':
      return {};
    case 'optional':
      return undefined;
    case 'enum':
      return Object.values((def as z.core.$ZodEnumDef).entries)[0];
    case 'object':
      return Object.fromEntries(
        Object.entries((def as z.core.$ZodObjectDef).shape).map(([key, field]) => [
          key,
          emptyValue(field, `${path}.${key}`),
        ]),
      );
    default:
      throw new Error(`server fixture: no empty value for ${path} (zod type ${def.type})`);
  }
}

/**
 * A server that never connected: every field at its empty value, the times at
 * {@link FIXTURE_CREATED_AT}, then `fields`. The result is checked against the schema.
 */
export function serverFixture(fields: Pick<Server, 'id' | 'name'> & Partial<Server>): Server {
  return serverSchema.parse({
    ...(emptyValue(serverSchema, 'server') as object),
    tokenPrefix: 'abcd',
    tokenRotatedAt: FIXTURE_CREATED_AT,
    createdAt: FIXTURE_CREATED_AT,
    updatedAt: FIXTURE_CREATED_AT,
    ...fields,
  });
}
