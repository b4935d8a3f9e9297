import {
  EXEC_COMMAND_MAX_CHARS,
  EXEC_TIMEOUT_DEFAULT_MS,
  EXEC_TIMEOUT_MAX_MS,
  MAX_RUN_PARALLEL,
  RUN_PARALLEL_DEFAULT,
  type CommandTargets,
  type CreateTaskInput,
  type Task,
  type TaskMissedPolicy,
  type TaskOverlapPolicy,
} from '@hivewatch/protocol';
import type { FieldErrors } from '../shared/form/draft-form';
import { parseTags } from '../shared/tags';
import { cronFields } from './cron-presets';
import { isTimeZone } from './time-zones';

/** A scheduled task as the editor holds it; numbers are null while their field is empty. */
export interface TaskDraft {
  name: string;
  command: string;
  serverIds: string[];
  groupIds: string[];
  /** Comma- or space-separated. */
  tags: string;
  cron: string;
  timeZone: string;
  overlapPolicy: TaskOverlapPolicy;
  missedPolicy: TaskMissedPolicy;
  /** Seconds (the hub keeps milliseconds). */
  timeoutSeconds: number | null;
  maxParallel: number | null;
  stopOnFirstFailure: boolean;
  enabled: boolean;
}

/** The zone the browser runs in, which a new task starts with. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function newTaskDraft(timeZone = browserTimeZone()): TaskDraft {
  return {
    name: '',
    command: '',
    serverIds: [],
    groupIds: [],
    tags: '',
    cron: '0 3 * * *',
    timeZone,
    overlapPolicy: 'skip',
    missedPolicy: 'skip',
    timeoutSeconds: EXEC_TIMEOUT_DEFAULT_MS / 1000,
    maxParallel: RUN_PARALLEL_DEFAULT,
    stopOnFirstFailure: false,
    enabled: true,
  };
}

export function taskDraft(t: Task): TaskDraft {
  return {
    name: t.name,
    command: t.command,
    serverIds: [...(t.targets.serverIds ?? [])],
    groupIds: [...(t.targets.groupIds ?? [])],
    tags: (t.targets.tags ?? []).join(', '),
    cron: t.cron,
    timeZone: t.timeZone,
    overlapPolicy: t.overlapPolicy,
    missedPolicy: t.missedPolicy,
    timeoutSeconds: t.timeoutMs / 1000,
    maxParallel: t.maxParallel,
    stopOnFirstFailure: t.stopOnFirstFailure,
    enabled: t.enabled,
  };
}

const isInt = (v: number | null, min: number, max: number): v is number =>
  v !== null && Number.isInteger(v) && v >= min && v <= max;

/**
 * Every problem the console can see by itself, keyed by field; the expression is only checked for
 * its five (or six) fields (the hub's parser answers the rest, shown under it as you type).
 */
export function validateTask(d: TaskDraft, zones: ReadonlySet<string>): FieldErrors {
  const errors: FieldErrors = {};
  const name = d.name.trim();
  if (!name) errors['name'] = 'Give the task a name.';
  else if (name.length > 100) errors['name'] = 'At most 100 characters.';
  const command = d.command.trim();
  if (!command) errors['command'] = 'Give the command to run.';
  else if (command.length > EXEC_COMMAND_MAX_CHARS)
    errors['command'] = `At most ${EXEC_COMMAND_MAX_CHARS} characters.`;
  const tags = parseTags(d.tags);
  if (tags.some((t) => t.length > 64)) errors['tags'] = 'A tag has at most 64 characters.';
  if (d.serverIds.length + d.groupIds.length + tags.length === 0)
    errors['targets'] = 'Pick the servers, groups or tags the task runs on.';
  const cron = d.cron.trim();
  const fields = cronFields(cron).length;
  if ((fields !== 5 && fields !== 6) || cron.length > 120)
    errors['cron'] = 'Five fields: minute, hour, day of month, month, day of week (or six, seconds first).';
  if (!isTimeZone(d.timeZone.trim(), zones)) errors['timeZone'] = 'Pick a time zone from the list.';
  const maxSeconds = EXEC_TIMEOUT_MAX_MS / 1000;
  if (!isInt(d.timeoutSeconds, 1, maxSeconds))
    errors['timeoutSeconds'] = `Whole seconds, from 1 to ${maxSeconds} (a day).`;
  if (!isInt(d.maxParallel, 1, MAX_RUN_PARALLEL)) errors['maxParallel'] = `From 1 to ${MAX_RUN_PARALLEL}.`;
  return errors;
}

export function targetsOf(d: Pick<TaskDraft, 'serverIds' | 'groupIds' | 'tags'>): CommandTargets {
  const tags = parseTags(d.tags);
  return {
    ...(d.serverIds.length ? { serverIds: [...d.serverIds] } : {}),
    ...(d.groupIds.length ? { groupIds: [...d.groupIds] } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

/** The body of `POST /api/v1/tasks` (and, whole, of a PATCH) for a draft that validated. */
export function taskBody(d: TaskDraft): CreateTaskInput {
  return {
    name: d.name.trim(),
    command: d.command.trim(),
    targets: targetsOf(d),
    cron: d.cron.trim().split(/\s+/).join(' '),
    timeZone: d.timeZone.trim(),
    overlapPolicy: d.overlapPolicy,
    missedPolicy: d.missedPolicy,
    enabled: d.enabled,
    timeoutMs: (d.timeoutSeconds ?? 0) * 1000,
    maxParallel: d.maxParallel ?? RUN_PARALLEL_DEFAULT,
    stopOnFirstFailure: d.stopOnFirstFailure,
  };
}
