import type {
  CommandRun as CommandRunView,
  CommandTarget as CommandTargetView,
  CommandTargetState,
} from '@hivewatch/protocol';
import type { CommandRun } from './command-run.entity.js';
import type { CommandTarget } from './command-target.entity.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function targetView(t: CommandTarget): CommandTargetView {
  return {
    id: t.id,
    runId: t.runId,
    serverId: t.serverId,
    serverName: t.serverName,
    state: t.state,
    exitCode: t.exitCode,
    signal: t.signal,
    stdout: t.stdout,
    stderr: t.stderr,
    error: t.error,
    queuedAt: t.queuedAt.toISOString(),
    sentAt: iso(t.sentAt),
    startedAt: iso(t.startedAt),
    endedAt: iso(t.endedAt),
  };
}

export function runView(run: CommandRun, states: readonly CommandTargetState[]): CommandRunView {
  const counts: Partial<Record<CommandTargetState, number>> = {};
  for (const s of states) counts[s] = (counts[s] ?? 0) + 1;
  return {
    id: run.id,
    command: run.command,
    targets: run.targets,
    timeoutMs: run.timeoutMs,
    outputCapBytes: run.outputCapBytes,
    maxParallel: run.maxParallel,
    stopOnFirstFailure: run.stopOnFirstFailure,
    offlineTtlSeconds: run.offlineTtlSeconds,
    state: run.state,
    createdBy: run.createdBy,
    taskId: run.taskId,
    createdAt: run.createdAt.toISOString(),
    endedAt: iso(run.endedAt),
    counts,
  };
}
