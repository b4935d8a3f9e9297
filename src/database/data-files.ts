import fs from 'node:fs';
import path from 'node:path';

/** The hub's data folder: owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** The database and its companions hold the signing keys: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;
/** The process umask of the hub: anything it creates is private to its user. */
export const PRIVATE_UMASK = 0o077;

/** Files SQLite keeps beside the database (WAL mode, rollback journal). */
export const SQLITE_COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** A permission the hub narrowed at start, for the warning that names it. */
export interface TightenedPath {
  path: string;
  oldMode: string;
  newMode: string;
}

/**
 * Makes the SQLite database private before it is opened: creates its folder 0700 and the file 0600
 * (SQLite gives -wal/-shm/-journal the mode of the database file), and narrows what already exists
 * and is readable or writable by others. The folder is only touched when it is the hub's own data
 * folder (`HIVEWATCH_DATA_DIR`): a database placed in a shared folder (e.g. /tmp) must not change it.
 * Returns what it narrowed, so the caller can warn about it.
 */
export function secureSqliteFiles(file: string, dataDir: string | undefined): TightenedPath[] {
  const tightened: TightenedPath[] = [];
  const folder = path.dirname(file);
  const ownFolder = dataDir !== undefined && path.resolve(folder) === path.resolve(dataDir);
  if (!fs.existsSync(folder)) fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  else if (ownFolder) tighten(folder, PRIVATE_DIR_MODE, tightened);
  // create the file before SQLite does, so it never exists with the default 0644
  fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_RDWR, PRIVATE_FILE_MODE));
  for (const f of [file, ...SQLITE_COMPANION_SUFFIXES.map((s) => `${file}${s}`)])
    tighten(f, PRIVATE_FILE_MODE, tightened);
  return tightened;
}

/** Removes every permission bit beyond `allowed`; a missing path is not an error. */
function tighten(target: string, allowed: number, tightened: TightenedPath[]): void {
  let mode: number;
  try {
    mode = fs.statSync(target).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if ((mode & ~allowed) === 0) return;
  const narrowed = mode & allowed;
  fs.chmodSync(target, narrowed);
  tightened.push({ path: target, oldMode: octal(mode), newMode: octal(narrowed) });
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
