import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** agent/test-fixtures (recorded and derived /proc, /sys trees; see its README). */
export const FIXTURES = fileURLToPath(new URL('../../test-fixtures', import.meta.url));

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function fixtureText(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'latin1');
}

/** Recorded gap between a fixture's two snapshots, in seconds. */
export function elapsedSeconds(...parts: string[]): number {
  return Number(fixtureText(...parts, 'later', 'elapsed-ms')) / 1000;
}

/** A writable copy of a fixture host, so a test can swap in its second snapshot. */
export function copyFixture(host: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hivewatch-collectors-'));
  cpSync(fixturePath(host), dir, { recursive: true });
  return dir;
}
