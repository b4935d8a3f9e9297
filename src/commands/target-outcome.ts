import type { ExecResult } from '@hivewatch/protocol';
import {
  ActionUnsupportedError,
  AgentOfflineError,
  AgentReplyError,
  AgentTimeoutError,
} from '../agents/rpc/rpc-errors.js';
import type { TargetOutcome } from './fan-out.js';

/** What a target record gets from how its exec ended. */
export interface TargetEnding {
  outcome: TargetOutcome;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
}

/** Extra time the hub waits beyond the agent's own timeout before it gives up on an answer. */
export const HUB_TIMEOUT_GRACE_MS = 15_000;

/** The hub-side timeout of an exec whose agent-side timeout is `timeoutMs`. */
export function hubTimeoutMs(timeoutMs: number): number {
  return timeoutMs + HUB_TIMEOUT_GRACE_MS;
}

/** After `exec-cancel`, how long the hub waits for the killed command's result before it gives up. */
export const CANCEL_CONFIRM_MS = 10_000;

/**
 * When the hub stops waiting for a target sent at `sentAt`: the agent's timeout plus the grace, or
 * for a simple-dialect (seed-001) agent, which has no timeout of its own, the run's timeout itself.
 */
export function targetDeadline(run: { timeoutMs: number }, sentAt: Date, simple: boolean): number {
  return sentAt.getTime() + (simple ? run.timeoutMs : hubTimeoutMs(run.timeoutMs));
}

/**
 * An agent's result: ok only for exit code 0; the agent's own timeout or a cancel wins over the exit
 * status.
 */
export function endingOfResult(result: ExecResult): TargetEnding {
  const outcome: TargetOutcome = result.cancelled
    ? 'cancelled'
    : result.timedOut
      ? 'timed_out'
      : result.exitCode === 0
        ? 'ok'
        : 'failed';
  return { outcome, exitCode: result.exitCode, signal: result.signal, error: null };
}

/**
 * A request that got no result: the hub's own timeout, a refusal (the host has no `exec`: denied),
 * the agent gone (offline) or any other answer (failed). The message is kept for the record.
 */
export function endingOfError(error: unknown, simple = false): TargetEnding {
  const message =
    simple && error instanceof AgentTimeoutError
      ? 'no answer within the timeout (a seed-001 agent has no timeout of its own: the command may still run on the host)'
      : error instanceof Error
        ? error.message
        : String(error);
  const base = { exitCode: null, signal: null, error: message.slice(0, 500) };
  if (error instanceof AgentTimeoutError) return { ...base, outcome: 'timed_out' };
  if (error instanceof ActionUnsupportedError) return { ...base, outcome: 'denied' };
  if (error instanceof AgentOfflineError) return { ...base, outcome: 'offline' };
  if (error instanceof AgentReplyError && /capability '[a-z-]+' is disabled/.test(message))
    return { ...base, outcome: 'denied' };
  return { ...base, outcome: 'failed' };
}
