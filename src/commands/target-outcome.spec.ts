import { describe, expect, it } from '@jest/globals';
import type { ExecResult } from '@hivewatch/protocol';
import {
  ActionUnsupportedError,
  AgentOfflineError,
  AgentReplyError,
  AgentTimeoutError,
} from '../agents/rpc/rpc-errors.js';
import { endingOfError, endingOfResult, hubTimeoutMs, targetDeadline } from './target-outcome.js';

const stream = { head: '', tail: '', droppedBytes: 0, totalBytes: 0 };
const result = (over: Partial<ExecResult>): ExecResult => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  stdout: stream,
  stderr: stream,
  startedAt: 1,
  endedAt: 2,
  durationMs: 1,
  ...over,
});

describe('target outcome', () => {
  it('maps agent results: exit 0 ok, other codes failed, the agent timeout timed_out', () => {
    expect(endingOfResult(result({})).outcome).toBe('ok');
    expect(endingOfResult(result({ exitCode: 2 }))).toEqual({
      outcome: 'failed',
      exitCode: 2,
      signal: null,
      error: null,
    });
    expect(endingOfResult(result({ exitCode: null, signal: 'SIGKILL', timedOut: true })).outcome).toBe(
      'timed_out',
    );
    expect(endingOfResult(result({ exitCode: null, signal: 'SIGSEGV' })).outcome).toBe('failed');
  });

  it('maps request errors: hub timeout, refusal, capability off, offline, anything else', () => {
    expect(endingOfError(new AgentTimeoutError('exec', 75_000)).outcome).toBe('timed_out');
    expect(endingOfError(new ActionUnsupportedError("'exec' needs a capability")).outcome).toBe('denied');
    expect(endingOfError(new AgentReplyError("capability 'exec' is disabled on this host")).outcome).toBe(
      'denied',
    );
    expect(endingOfError(new AgentOfflineError('s1')).outcome).toBe('offline');
    const other = endingOfError(new AgentReplyError('boom'));
    expect(other).toEqual({ outcome: 'failed', exitCode: null, signal: null, error: 'boom' });
  });

  it('gives the hub a longer timeout than the agent', () => {
    expect(hubTimeoutMs(60_000)).toBeGreaterThan(60_000);
  });

  it('maps a cancelled result to cancelled, whatever its signal', () => {
    expect(endingOfResult(result({ cancelled: true, exitCode: null, signal: 'SIGTERM' }))).toMatchObject({
      outcome: 'cancelled',
      signal: 'SIGTERM',
    });
  });

  it('gives a seed-001 target the run timeout alone, and says why it timed out', () => {
    const sentAt = new Date(1_000_000);
    expect(targetDeadline({ timeoutMs: 5000 }, sentAt, true)).toBe(1_005_000);
    expect(targetDeadline({ timeoutMs: 5000 }, sentAt, false)).toBe(1_000_000 + hubTimeoutMs(5000));
    const ending = endingOfError(new AgentTimeoutError('exec', 5000), true);
    expect(ending).toMatchObject({ outcome: 'timed_out' });
    expect(ending.error).toMatch(/no timeout of its own/);
  });
});
