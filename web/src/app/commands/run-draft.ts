import {
  EXEC_COMMAND_MAX_CHARS,
  EXEC_OUTPUT_CAP_DEFAULT_BYTES,
  EXEC_OUTPUT_CAP_MAX_BYTES,
  EXEC_OUTPUT_CAP_MIN_BYTES,
  EXEC_TIMEOUT_DEFAULT_MS,
  EXEC_TIMEOUT_MAX_MS,
  MAX_RUN_PARALLEL,
  MAX_RUN_TARGETS,
  RUN_OFFLINE_TTL_DEFAULT_SECONDS,
  RUN_OFFLINE_TTL_MAX_SECONDS,
  RUN_PARALLEL_DEFAULT,
  normalizeTag,
  type CommandRun,
  type CreateCommandRunInput,
} from '@hivewatch/protocol';
import type { FieldErrors } from '../shared/form/draft-form';
import { parseTags } from '../shared/tags';

/**
 * The new-run form as it edits it: options in the units a person thinks in (seconds, KiB, minutes);
 * numbers are null while their field is empty.
 */
export interface RunDraft {
  command: string;
  serverIds: string[];
  groupIds: string[];
  /** Comma- or space-separated. */
  tags: string;
  timeoutSeconds: number | null;
  maxParallel: number | null;
  stopOnFirstFailure: boolean;
  offlineTtlMinutes: number | null;
  outputCapKib: number | null;
}

const TIMEOUT_MAX_S = EXEC_TIMEOUT_MAX_MS / 1000;
const TTL_MAX_MIN = RUN_OFFLINE_TTL_MAX_SECONDS / 60;
const CAP_MIN_KIB = EXEC_OUTPUT_CAP_MIN_BYTES / 1024;
const CAP_MAX_KIB = EXEC_OUTPUT_CAP_MAX_BYTES / 1024;

export function newRunDraft(): RunDraft {
  return {
    command: '',
    serverIds: [],
    groupIds: [],
    tags: '',
    timeoutSeconds: EXEC_TIMEOUT_DEFAULT_MS / 1000,
    maxParallel: RUN_PARALLEL_DEFAULT,
    stopOnFirstFailure: false,
    offlineTtlMinutes: RUN_OFFLINE_TTL_DEFAULT_SECONDS / 60,
    outputCapKib: EXEC_OUTPUT_CAP_DEFAULT_BYTES / 1024,
  };
}

/** "Re-run": the same command, targets and options as an earlier run. */
export function runDraft(run: CommandRun): RunDraft {
  return {
    command: run.command,
    serverIds: [...(run.targets.serverIds ?? [])],
    groupIds: [...(run.targets.groupIds ?? [])],
    tags: (run.targets.tags ?? []).join(', '),
    timeoutSeconds: Math.max(1, Math.round(run.timeoutMs / 1000)),
    maxParallel: run.maxParallel,
    stopOnFirstFailure: run.stopOnFirstFailure,
    offlineTtlMinutes: Math.round(run.offlineTtlSeconds / 60),
    outputCapKib: Math.round(run.outputCapBytes / 1024),
  };
}

const isInt = (v: number | null, min: number, max: number): v is number =>
  v !== null && Number.isInteger(v) && v >= min && v <= max;

/** Every problem at once, keyed by field; empty when the draft can be sent. */
export function validateRunDraft(d: RunDraft): FieldErrors {
  const errors: FieldErrors = {};
  const command = d.command.trim();
  if (!command) errors['command'] = 'Type the command to run.';
  else if (command.length > EXEC_COMMAND_MAX_CHARS)
    errors['command'] = `At most ${EXEC_COMMAND_MAX_CHARS} characters.`;
  const tags = parseTags(d.tags);
  const bad = tags.find((t) => normalizeTag(t) === null);
  if (bad !== undefined) errors['tags'] = `"${bad}" is not a tag: letters, digits, - _ . : (at most 64).`;
  else if (tags.length > 100) errors['tags'] = 'At most 100 tags.';
  if (d.serverIds.length > MAX_RUN_TARGETS) errors['targets'] = `At most ${MAX_RUN_TARGETS} servers.`;
  else if (d.serverIds.length + d.groupIds.length + tags.length === 0)
    errors['targets'] = 'Pick at least one server, group or tag.';
  if (!isInt(d.timeoutSeconds, 1, TIMEOUT_MAX_S))
    errors['timeoutSeconds'] = `Whole seconds, from 1 to ${TIMEOUT_MAX_S} (24 hours).`;
  if (!isInt(d.maxParallel, 1, MAX_RUN_PARALLEL))
    errors['maxParallel'] = `A whole number from 1 to ${MAX_RUN_PARALLEL}.`;
  if (!isInt(d.offlineTtlMinutes, 0, TTL_MAX_MIN))
    errors['offlineTtlMinutes'] = `Whole minutes, from 0 to ${TTL_MAX_MIN} (7 days).`;
  if (!isInt(d.outputCapKib, CAP_MIN_KIB, CAP_MAX_KIB))
    errors['outputCapKib'] = `Whole KiB, from ${CAP_MIN_KIB} to ${CAP_MAX_KIB}.`;
  return errors;
}

/** `POST /api/v1/commands` body of a draft that validated; empty selections are left out. */
export function runBody(d: RunDraft): CreateCommandRunInput {
  const tags = parseTags(d.tags);
  return {
    command: d.command.trim(),
    targets: {
      ...(d.serverIds.length ? { serverIds: [...d.serverIds] } : {}),
      ...(d.groupIds.length ? { groupIds: [...d.groupIds] } : {}),
      ...(tags.length ? { tags } : {}),
    },
    timeoutMs: (d.timeoutSeconds ?? 0) * 1000,
    maxParallel: d.maxParallel ?? RUN_PARALLEL_DEFAULT,
    stopOnFirstFailure: d.stopOnFirstFailure,
    offlineTtlSeconds: (d.offlineTtlMinutes ?? 0) * 60,
    outputCapBytes: (d.outputCapKib ?? 0) * 1024,
  };
}
