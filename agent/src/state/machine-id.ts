import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * A stable, non-reversible host identifier: SHA-256 of the OS machine id (systemd's /etc/machine-id,
 * or D-Bus's copy), salted so it cannot be matched against other products' ids. Hosts without one
 * get a random id, persisted by the caller in the state file.
 */
export function deriveMachineId(candidates: string[]): string {
  for (const path of candidates) {
    try {
      const raw = readFileSync(path, 'utf8').trim();
      if (raw !== '') return createHash('sha256').update(`hivewatch-agent:${raw}`).digest('hex');
    } catch {
      // try the next one
    }
  }
  return createHash('sha256').update(`hivewatch-agent:random:${randomUUID()}`).digest('hex');
}

export function machineIdCandidates(configured: string): string[] {
  return [...new Set([configured, '/etc/machine-id', '/var/lib/dbus/machine-id'])];
}
