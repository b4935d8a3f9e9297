import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';

const FILE = 'hub-id';
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * This hub's id, kept in its data directory so that a restart of the same hub knows which live
 * terminal sessions were its own (several hubs may share one database, each with its own folder).
 */
@Injectable()
export class HubIdentity {
  readonly id: string;

  constructor(config: AppConfig) {
    this.id = readOrCreate(path.join(config.dataDir, FILE));
  }
}

function readOrCreate(file: string): string {
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (ID_PATTERN.test(stored)) return stored;
  } catch {
    // first start: created below
  }
  const id = randomUUID();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, id + '\n', { mode: 0o600 });
  return id;
}
