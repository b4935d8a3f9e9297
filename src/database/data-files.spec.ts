import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { secureSqliteFiles } from './data-files.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('secureSqliteFiles', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-files-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates a missing data folder 0700 and the database file 0600 before SQLite opens it', () => {
    const dataDir = path.join(root, 'a', 'data');
    const file = path.join(dataDir, 'hivewatch.db');
    expect(secureSqliteFiles(file, dataDir)).toEqual([]);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(fs.statSync(file).size).toBe(0);
  });

  it('narrows the data folder, the database and its companions, and reports each old mode', () => {
    const file = path.join(root, 'hivewatch.db');
    for (const f of [file, `${file}-wal`, `${file}-journal`]) fs.writeFileSync(f, 'x', { mode: 0o666 });
    fs.chmodSync(file, 0o644);
    fs.chmodSync(`${file}-wal`, 0o664);
    fs.chmodSync(`${file}-journal`, 0o400);
    fs.chmodSync(root, 0o755);
    expect(secureSqliteFiles(file, root)).toEqual([
      { path: root, oldMode: '0755', newMode: '0700' },
      { path: file, oldMode: '0644', newMode: '0600' },
      { path: `${file}-wal`, oldMode: '0664', newMode: '0600' },
    ]);
    expect([mode(root), mode(file), mode(`${file}-wal`), mode(`${file}-journal`)]).toEqual([
      0o700, 0o600, 0o600, 0o400,
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('leaves a folder that is not the hub’s data folder alone (e.g. a database in a shared folder)', () => {
    const shared = path.join(root, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o1777);
    const file = path.join(shared, 'hub.db');
    expect(secureSqliteFiles(file, path.join(root, 'data'))).toEqual([]);
    expect(fs.statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(mode(file)).toBe(0o600);
  });
});
