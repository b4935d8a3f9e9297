import { basename, dirname, join } from 'node:path';

/**
 * Where the outbox of the agent with this state file lives: beside it and named after it
 * (`state.json` → `state.outbox.jsonl`), so that agents whose state files share a folder never share
 * an outbox. Its lock is `<outbox>.lock`.
 */
export function outboxPathFor(stateFile: string): string {
  return join(dirname(stateFile), `${basename(stateFile).replace(/\.json$/, '')}.outbox.jsonl`);
}

export function outboxLockPathFor(stateFile: string): string {
  return `${outboxPathFor(stateFile)}.lock`;
}

/**
 * Earlier agent versions kept one `outbox.jsonl` per folder, with no record of whose samples it held.
 * It is never read (it may be another agent's); the agent only notes it in its log.
 */
export function legacyOutboxPathFor(stateFile: string): string {
  return join(dirname(stateFile), 'outbox.jsonl');
}
