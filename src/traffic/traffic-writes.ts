import type { EntityManager } from 'typeorm';

export interface ByteRow {
  serverId: string;
  /** hour or day start, epoch ms */
  at: number;
  inBytes: number;
  outBytes: number;
}

const CHUNK = 200;

/**
 * Adds byte counts to hourly or daily rows: one multi-row INSERT … ON CONFLICT DO UPDATE per chunk
 * (same syntax on SQLite ≥ 3.24 and PostgreSQL; only the placeholders differ).
 */
export async function addBytes(
  m: EntityManager,
  table: 'traffic_hourly' | 'traffic_daily',
  keyColumn: 'hour' | 'day',
  rows: ByteRow[],
): Promise<void> {
  const pg = m.connection.options.type === 'postgres';
  const target = pg ? `"${table}".` : '';
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params: (string | number)[] = [];
    const tuples = chunk.map((r) => {
      const base = params.length;
      params.push(r.serverId, r.at, r.inBytes, r.outBytes);
      return `(${[1, 2, 3, 4].map((k) => (pg ? `$${base + k}` : '?')).join(', ')})`;
    });
    await m.query(
      `INSERT INTO "${table}" ("serverId", "${keyColumn}", "inBytes", "outBytes") VALUES ${tuples.join(', ')} ` +
        `ON CONFLICT ("serverId", "${keyColumn}") DO UPDATE SET ` +
        `"inBytes" = ${target}"inBytes" + excluded."inBytes", "outBytes" = ${target}"outBytes" + excluded."outBytes"`,
      params,
    );
  }
}
