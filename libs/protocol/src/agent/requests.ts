import { z } from 'zod';
import { MAX_METRICS_INTERVAL_SECONDS, MIN_METRICS_INTERVAL_SECONDS } from '../constants.js';
import {
  countSchema,
  cpuSharePercentSchema,
  integerSchema,
  MAX_LOGICAL_CPUS,
  MAX_WATCHED_SERVICES,
  NICE_MAX,
  NICE_MIN,
  percentSchema,
  serviceNameSchema,
  sizeMbSchema,
  UNIX_MS_MAX,
  uptimeSecondsSchema,
} from '../primitives.js';

/**
 * Seed-002 requests (hub → agent) and the `data` of their responses. Request payloads are what the
 * hub SENDS, so they are strict (a bad value is a 400 at the REST API and never reaches an agent).
 * Response data are what agents SEND, so they are tolerant: extra fields pass through to the caller.
 */

/** `get-server-info`, `get-services`, `get-processes`: the request payload is `null`. */
export const emptyRequestSchema = z.null();

/** `get-service`, `get-service-log`, `restart-service`. */
export const serviceRequestSchema = z.object({ name: serviceNameSchema });
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

const PID_ERROR = 'expected a positive integer or a string of digits';

/** `get-process`: the agent casts `pid` with `int(...)`, so a string of digits is accepted too. */
export const processRequestSchema = z.object({
  pid: z.union([integerSchema().min(1), z.string().regex(/^[1-9][0-9]{0,9}$/, { error: PID_ERROR })], {
    error: PID_ERROR,
  }),
});
export type ProcessRequest = z.infer<typeof processRequestSchema>;

/** `update-agent-config`. `metricsInterval` 0 pauses metrics (the agent stays connected and answers requests). */
export const agentConfigRequestSchema = z.object({
  metricsInterval: integerSchema()
    .min(MIN_METRICS_INTERVAL_SECONDS)
    .max(MAX_METRICS_INTERVAL_SECONDS)
    .describe(
      'seconds between metrics events, integer 0..3600; 0 pauses metrics (the agent stays connected)',
    ),
  watchlist: z
    .array(serviceNameSchema)
    .max(MAX_WATCHED_SERVICES)
    .describe(`services whose state the agent reports, at most ${MAX_WATCHED_SERVICES}`),
});
export type AgentConfigRequest = z.infer<typeof agentConfigRequestSchema>;

/** `get-server-info` data. `cpuCores` may be null where the OS cannot tell physical cores. */
export const serverInfoSchema = z.looseObject({
  hostname: z.string(),
  ipAddress: z.string().nullish(),
  os: z.string().nullish(),
  osVersion: z.string().nullish(),
  kernel: z.string().nullish(),
  architecture: z.string().nullish(),
  cpuModel: z.string().nullish(),
  cpuCores: integerSchema().min(0).max(MAX_LOGICAL_CPUS).nullish().describe('physical cores'),
  cpuThreads: integerSchema().min(0).max(MAX_LOGICAL_CPUS).nullish().describe('logical CPUs'),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

/** One entry of `get-services` (systemd ActiveState / SubState). */
export const serviceSummarySchema = z.looseObject({
  name: z.string(),
  activeState: z.string(),
  subState: z.string(),
});
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;

/** A time as the agent formats it: text, or Unix seconds or milliseconds (either fits the range). */
const unixTimeOrText = z.union([z.string().max(64), z.number().min(0).max(UNIX_MS_MAX)]);

/**
 * `get-service` data. Seed 002 names the fields only loosely ("restart policy"), so all are optional
 * and unknown ones are kept for the caller.
 */
export const serviceDetailSchema = z.looseObject({
  name: z.string().optional(),
  mainPID: countSchema.nullish(),
  cpuUsagePercent: cpuSharePercentSchema.nullish(),
  memoryUsage: sizeMbSchema.nullish().describe('megabytes'),
  startTime: unixTimeOrText.nullish().describe('ISO-8601 string or Unix time'),
  exitTime: unixTimeOrText.nullish().describe('ISO-8601 string or Unix time'),
  restart: z.string().nullish().describe('systemd Restart= policy'),
});
export type ServiceDetail = z.infer<typeof serviceDetailSchema>;

/** One line of `get-service-log`: `"timestamp message"`. At most 1000 per response. */
export const serviceLogLineSchema = z.looseObject({ log: z.string() });
export type ServiceLogLine = z.infer<typeof serviceLogLineSchema>;

/** One entry of `get-processes`. */
export const processSummarySchema = z.looseObject({
  pid: countSchema,
  name: z.string(),
  user: z.string().nullish(),
  status: z.string().nullish(),
  cpuPercent: cpuSharePercentSchema.nullish().describe('percent of one CPU; may exceed 100'),
  memoryPercent: percentSchema.nullish(),
});
export type ProcessSummary = z.infer<typeof processSummarySchema>;

/** `get-process` data: the list fields plus details. `cmdline` is a string or an argv array. */
export const processDetailSchema = processSummarySchema.extend({
  cmdline: z.union([z.string(), z.array(z.string())]).nullish(),
  nice: integerSchema().min(NICE_MIN).max(NICE_MAX).nullish(),
  numThreads: countSchema.nullish(),
  uptimeSeconds: uptimeSecondsSchema.nullish(),
});
export type ProcessDetail = z.infer<typeof processDetailSchema>;

/** Responses that carry only `{status:"ok"}` (`restart-service`, `update-agent-config`): data is ignored. */
export const noDataSchema = z.unknown();
