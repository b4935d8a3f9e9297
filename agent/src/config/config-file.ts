import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AgentConfigInput } from './agent-config.js';
import { ConfigError } from './agent-config.js';

const FILE_KEYS = new Set([
  'hubUrl',
  'stateFile',
  'enrollmentKey',
  'enrollmentKeyFile',
  'agentId',
  'token',
  'tokenFile',
  'capabilities',
  'metricsInterval',
  'watchlist',
  'caFile',
  'insecure',
  'outboxMinutes',
  'backfillRate',
  'machineIdFile',
  'logLevel',
  'terminal',
  'exec',
  'docker',
]);

/** Reads the JSON config file; a missing file is an empty config, a malformed one an error. */
export function readConfigFile(path: string): AgentConfigInput {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([
      `${path}: not valid JSON (${error instanceof Error ? error.message : 'unknown'})`,
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError([`${path}: expected a JSON object`]);
  const unknown = Object.keys(parsed).filter((key) => !FILE_KEYS.has(key));
  if (unknown.length > 0) throw new ConfigError(unknown.map((key) => `${path}: unknown key '${key}'`));
  return parsed;
}

/**
 * Writes `changes` into the config file, keeping its other keys and its mode (new files: 0600, as
 * they may hold credentials). Atomic: a crash leaves the old or the new file, never half of one.
 */
export function updateConfigFile(path: string, changes: Record<string, unknown>): void {
  const current = existsSync(path) ? (readConfigFile(path) as Record<string, unknown>) : {};
  const mode = existsSync(path) ? statSync(path).mode & 0o777 : 0o600;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ ...current, ...changes }, null, 2)}\n`, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, path);
}
