import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Server } from '../servers/server.entity.js';

/** Inserts a bare server row for record tests (the servers API is not what they exercise). */
export async function insertServer(dataSource: DataSource, name = 'web-1'): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await dataSource.getRepository(Server).insert({
    id,
    name,
    notes: '',
    tokenPrefix: id.slice(0, 16),
    tokenHash: 'test',
    tokenRotatedAt: now,
    displayOrder: 0,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
