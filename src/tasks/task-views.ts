import type { CommandRunState, CreateCommandRun, Task } from '@hivewatch/protocol';
import type { ScheduledTask } from './scheduled-task.entity.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function taskView(
  task: ScheduledTask,
  createdByName: string | null,
  lastRunState: CommandRunState | null,
): Task {
  return {
    id: task.id,
    name: task.name,
    command: task.command,
    targets: task.targets,
    cron: task.cron,
    timeZone: task.timeZone,
    overlapPolicy: task.overlapPolicy,
    missedPolicy: task.missedPolicy,
    enabled: task.enabled,
    timeoutMs: task.timeoutMs,
    outputCapBytes: task.outputCapBytes,
    maxParallel: task.maxParallel,
    stopOnFirstFailure: task.stopOnFirstFailure,
    offlineTtlSeconds: task.offlineTtlSeconds,
    disabledReason: task.disabledReason,
    createdBy: task.createdBy,
    createdByName,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    nextRunAt: iso(task.nextRunAt),
    lastRunAt: iso(task.lastRunAt),
    lastRunId: task.lastRunId,
    lastRunState,
  };
}

/** The command run a firing of the task creates. */
export function runInput(task: ScheduledTask): CreateCommandRun {
  return {
    command: task.command,
    targets: task.targets,
    timeoutMs: task.timeoutMs,
    outputCapBytes: task.outputCapBytes,
    maxParallel: task.maxParallel,
    stopOnFirstFailure: task.stopOnFirstFailure,
    offlineTtlSeconds: task.offlineTtlSeconds,
  };
}

/** What the audit log keeps of a task: the full command text, its targets and its schedule. */
export function auditDetail(task: ScheduledTask): Record<string, unknown> {
  return {
    name: task.name,
    command: task.command,
    targets: task.targets,
    cron: task.cron,
    timeZone: task.timeZone,
    overlapPolicy: task.overlapPolicy,
    missedPolicy: task.missedPolicy,
    enabled: task.enabled,
  };
}
