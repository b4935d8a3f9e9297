import { z } from 'zod';
import {
  EXEC_COMMAND_MAX_CHARS,
  EXEC_OUTPUT_CAP_DEFAULT_BYTES,
  EXEC_OUTPUT_CAP_MAX_BYTES,
  EXEC_OUTPUT_CAP_MIN_BYTES,
  EXEC_TIMEOUT_DEFAULT_MS,
  EXEC_TIMEOUT_MAX_MS,
} from '../agent/exec-limits.js';
import { execStreamResultSchema } from '../agent/exec.js';
import { limitParam, wireTimeSchema } from './common.js';
import { tagSchema } from './tags.js';

/** `/api/v1/commands` (src/commands): one command run on many servers, one record per target. */

export const MAX_RUN_TARGETS = 1000;
export const MAX_RUN_PARALLEL = 200;
export const RUN_PARALLEL_DEFAULT = 20;
/** How long a target that is offline at the time waits for its agent to return (default 1 h, at most 7 days). */
export const RUN_OFFLINE_TTL_DEFAULT_SECONDS = 3600;
export const RUN_OFFLINE_TTL_MAX_SECONDS = 7 * 86_400;

/** Targets: the union of the servers named, the servers of the groups and the servers with any tag. */
export const commandTargetsSchema = z
  .object({
    serverIds: z.array(z.uuid()).max(MAX_RUN_TARGETS).optional(),
    groupIds: z.array(z.uuid()).max(100).optional(),
    tags: z.array(tagSchema).max(100).optional(),
  })
  .strict()
  .refine((t) => (t.serverIds?.length ?? 0) + (t.groupIds?.length ?? 0) + (t.tags?.length ?? 0) > 0, {
    error: 'name at least one server id, group id or tag',
  });
export type CommandTargets = z.infer<typeof commandTargetsSchema>;

export const createCommandRunSchema = z
  .object({
    command: z.string().trim().min(1).max(EXEC_COMMAND_MAX_CHARS),
    targets: commandTargetsSchema,
    timeoutMs: z.number().int().min(1000).max(EXEC_TIMEOUT_MAX_MS).default(EXEC_TIMEOUT_DEFAULT_MS),
    outputCapBytes: z
      .number()
      .int()
      .min(EXEC_OUTPUT_CAP_MIN_BYTES)
      .max(EXEC_OUTPUT_CAP_MAX_BYTES)
      .default(EXEC_OUTPUT_CAP_DEFAULT_BYTES),
    maxParallel: z.number().int().min(1).max(MAX_RUN_PARALLEL).default(RUN_PARALLEL_DEFAULT),
    stopOnFirstFailure: z.boolean().default(false),
    offlineTtlSeconds: z
      .number()
      .int()
      .min(0)
      .max(RUN_OFFLINE_TTL_MAX_SECONDS)
      .default(RUN_OFFLINE_TTL_DEFAULT_SECONDS)
      .describe('0: an offline target is marked offline at once instead of waiting'),
  })
  .strict();
export type CreateCommandRunInput = z.input<typeof createCommandRunSchema>;
export type CreateCommandRun = z.output<typeof createCommandRunSchema>;

export const COMMAND_TARGET_STATES = [
  'queued',
  'sent',
  'running',
  'ok',
  'failed',
  'timed_out',
  'offline',
  'denied',
  'cancelled',
] as const;
export const commandTargetStateSchema = z.enum(COMMAND_TARGET_STATES);
export type CommandTargetState = z.infer<typeof commandTargetStateSchema>;

/** States a target never leaves. */
export const FINAL_TARGET_STATES: readonly CommandTargetState[] = [
  'ok',
  'failed',
  'timed_out',
  'offline',
  'denied',
  'cancelled',
];

export const commandRunStateSchema = z.enum(['running', 'done', 'cancelled']);
export type CommandRunState = z.infer<typeof commandRunStateSchema>;

export const commandTargetSchema = z.object({
  id: z.string(),
  runId: z.string(),
  serverId: z.string(),
  serverName: z.string(),
  state: commandTargetStateSchema,
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  stdout: execStreamResultSchema.nullable(),
  stderr: execStreamResultSchema.nullable(),
  error: z.string().nullable().describe('why denied / failed before running / offline'),
  queuedAt: wireTimeSchema,
  sentAt: wireTimeSchema.nullable(),
  startedAt: wireTimeSchema.nullable(),
  endedAt: wireTimeSchema.nullable(),
});
export type CommandTarget = z.infer<typeof commandTargetSchema>;

export const commandRunSchema = z.object({
  id: z.string(),
  command: z.string(),
  targets: commandTargetsSchema,
  timeoutMs: z.number(),
  outputCapBytes: z.number(),
  maxParallel: z.number(),
  stopOnFirstFailure: z.boolean(),
  offlineTtlSeconds: z.number(),
  state: commandRunStateSchema,
  createdBy: z.string().nullable(),
  taskId: z.string().nullable().describe('the scheduled task this run is a firing of'),
  createdAt: wireTimeSchema,
  endedAt: wireTimeSchema.nullable(),
  counts: z.partialRecord(commandTargetStateSchema, z.number()),
});
export type CommandRun = z.infer<typeof commandRunSchema>;

export const commandRunDetailSchema = commandRunSchema.extend({ results: z.array(commandTargetSchema) });
export type CommandRunDetail = z.infer<typeof commandRunDetailSchema>;

export const commandRunQuerySchema = z.object({
  limit: limitParam(200, 50),
  state: commandRunStateSchema.optional(),
  serverId: z.uuid().optional(),
  taskId: z.uuid().optional(),
});
export type CommandRunQuery = z.infer<typeof commandRunQuerySchema>;

export const COMMAND_OUTPUT_STREAMS = ['stdout', 'stderr'] as const;

/**
 * `GET /api/v1/commands/{id}/events` (text/event-stream; same access as reading the run): the run
 * live. First a `snapshot`, then `target` when a target changes state or gets its result, `output`
 * for each chunk a running target prints (UTF-8 text, in order per target and stream), and `run`
 * when the run's state or counts change; the stream ends after the run is final. Output shown live
 * is what the agent streamed; the stored result (head + tail within the cap) is the record.
 * `POST /api/v1/commands/{id}/cancel` (step-up) cancels queued targets and kills running ones.
 */
export const commandRunEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), run: commandRunDetailSchema }),
  z.object({ type: z.literal('target'), target: commandTargetSchema }),
  z.object({
    type: z.literal('output'),
    targetId: z.string(),
    stream: z.enum(COMMAND_OUTPUT_STREAMS),
    data: z.string(),
  }),
  z.object({ type: z.literal('run'), run: commandRunSchema }),
]);
export type CommandRunEvent = z.infer<typeof commandRunEventSchema>;
