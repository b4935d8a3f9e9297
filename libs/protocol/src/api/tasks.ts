import { z } from 'zod';
import {
  EXEC_COMMAND_MAX_CHARS,
  EXEC_OUTPUT_CAP_DEFAULT_BYTES,
  EXEC_OUTPUT_CAP_MAX_BYTES,
  EXEC_OUTPUT_CAP_MIN_BYTES,
  EXEC_TIMEOUT_DEFAULT_MS,
  EXEC_TIMEOUT_MAX_MS,
} from '../agent/exec-limits.js';
import {
  MAX_RUN_PARALLEL,
  RUN_OFFLINE_TTL_DEFAULT_SECONDS,
  RUN_OFFLINE_TTL_MAX_SECONDS,
  RUN_PARALLEL_DEFAULT,
  commandRunStateSchema,
  commandTargetsSchema,
} from './commands.js';
import { wireTimeSchema } from './common.js';

/**
 * `/api/v1/tasks` (src/tasks, docs/tasks.md): scheduled tasks. Each firing is a command run
 * (`/api/v1/commands?taskId=…`). Creating, changing, running now and deleting need an admin and step-up.
 *
 * - `GET /api/v1/tasks`, `GET /api/v1/tasks/{id}`, `POST /api/v1/tasks`, `PATCH /api/v1/tasks/{id}`,
 *   `DELETE /api/v1/tasks/{id}`, `POST /api/v1/tasks/{id}/run` (fires once now, outside the schedule)
 * - `POST /api/v1/tasks/preview` {cron, timeZone, count?} → {next: [ISO times]} or 400 with the reason
 */

export const TASK_OVERLAP_POLICIES = ['skip', 'allow'] as const;
export const taskOverlapPolicySchema = z
  .enum(TASK_OVERLAP_POLICIES)
  .describe('skip: no new firing while the previous run of the task is still going');
export type TaskOverlapPolicy = z.infer<typeof taskOverlapPolicySchema>;

export const TASK_MISSED_POLICIES = ['skip', 'run-once'] as const;
export const taskMissedPolicySchema = z
  .enum(TASK_MISSED_POLICIES)
  .describe('after hub downtime: skip the firings missed, or run once for all of them');
export type TaskMissedPolicy = z.infer<typeof taskMissedPolicySchema>;

/**
 * A cron expression: five fields (minute hour day-of-month month day-of-week), or six with seconds
 * first (`*\/2 * * * * *`, as Nezha writes them). The hub parses it (croner) and answers 400 with the
 * parser's reason.
 */
export const cronExpressionSchema = z.string().trim().min(9).max(120);
/** An IANA zone name; the hub checks it against Intl. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, { error: 'must be an IANA time zone such as Europe/Berlin or UTC' });

const taskFields = {
  name: z.string().trim().min(1).max(100),
  command: z.string().trim().min(1).max(EXEC_COMMAND_MAX_CHARS),
  targets: commandTargetsSchema,
  cron: cronExpressionSchema,
  timeZone: timeZoneSchema,
  overlapPolicy: taskOverlapPolicySchema,
  missedPolicy: taskMissedPolicySchema,
  enabled: z.boolean(),
  timeoutMs: z.number().int().min(1000).max(EXEC_TIMEOUT_MAX_MS),
  outputCapBytes: z.number().int().min(EXEC_OUTPUT_CAP_MIN_BYTES).max(EXEC_OUTPUT_CAP_MAX_BYTES),
  maxParallel: z.number().int().min(1).max(MAX_RUN_PARALLEL),
  stopOnFirstFailure: z.boolean(),
  offlineTtlSeconds: z.number().int().min(0).max(RUN_OFFLINE_TTL_MAX_SECONDS),
};

export const createTaskSchema = z
  .object({
    ...taskFields,
    overlapPolicy: taskFields.overlapPolicy.default('skip'),
    missedPolicy: taskFields.missedPolicy.default('skip'),
    enabled: taskFields.enabled.default(true),
    timeoutMs: taskFields.timeoutMs.default(EXEC_TIMEOUT_DEFAULT_MS),
    outputCapBytes: taskFields.outputCapBytes.default(EXEC_OUTPUT_CAP_DEFAULT_BYTES),
    maxParallel: taskFields.maxParallel.default(RUN_PARALLEL_DEFAULT),
    stopOnFirstFailure: taskFields.stopOnFirstFailure.default(false),
    offlineTtlSeconds: taskFields.offlineTtlSeconds.default(RUN_OFFLINE_TTL_DEFAULT_SECONDS),
  })
  .strict();
export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type CreateTask = z.output<typeof createTaskSchema>;

export const updateTaskSchema = z.object(taskFields).partial().strict();
export type UpdateTask = z.infer<typeof updateTaskSchema>;

export const taskSchema = z.object({
  id: z.string(),
  ...taskFields,
  disabledReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
  nextRunAt: wireTimeSchema.nullable(),
  lastRunAt: wireTimeSchema.nullable(),
  lastRunId: z.string().nullable(),
  lastRunState: commandRunStateSchema.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const TASK_PREVIEW_MAX = 20;
export const taskPreviewRequestSchema = z
  .object({
    cron: cronExpressionSchema,
    timeZone: timeZoneSchema,
    count: z.number().int().min(1).max(TASK_PREVIEW_MAX).default(5),
  })
  .strict();
export type TaskPreviewRequest = z.input<typeof taskPreviewRequestSchema>;
export const taskPreviewResponseSchema = z.object({ next: z.array(wireTimeSchema) });
export type TaskPreviewResponse = z.infer<typeof taskPreviewResponseSchema>;
