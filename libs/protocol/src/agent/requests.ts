import { z } from 'zod';
import { MAX_METRICS_INTERVAL_SECONDS, MIN_METRICS_INTERVAL_SECONDS } from '../constants.js';
import {
  countSchema,
  integerSchema,
  nonNegativeSchema,
  percentSchema,
  serviceNameSchema,
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

/** `update-agent-config`. `metricsInterval` 0 lets the agent choose its default. */
export const agentConfigRequestSchema = z.object({
  metricsInterval: integerSchema()
    .min(MIN_METRICS_INTERVAL_SECONDS)
    .max(MAX_METRICS_INTERVAL_SECONDS)
    .describe('seconds between metrics events, integer 0..3600'),
  watchlist: z.array(serviceNameSchema).describe('services whose state the agent reports'),
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
  cpuCores: countSchema.nullish().describe('physical cores'),
  cpuThreads: countSchema.nullish().describe('logical CPUs'),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

/** One entry of `get-services` (systemd ActiveState / SubState). */
export const serviceSummarySchema = z.looseObject({
  name: z.string(),
  activeState: z.string(),
  subState: z.string(),
});
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;

/**
 * `get-service` data. Seed 002 names the fields only loosely ("restart policy"), so all are optional
 * and unknown ones are kept for the caller.
 */
export const serviceDetailSchema = z.looseObject({
  name: z.string().optional(),
  mainPID: countSchema.nullish(),
  cpuUsagePercent: percentSchema.nullish(),
  memoryUsage: nonNegativeSchema.nullish().describe('megabytes'),
  startTime: z.union([z.string(), z.number()]).nullish().describe('ISO-8601 string or Unix time'),
  exitTime: z.union([z.string(), z.number()]).nullish().describe('ISO-8601 string or Unix time'),
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
  cpuPercent: percentSchema.nullish().describe('percent of one CPU; may exceed 100'),
  memoryPercent: percentSchema.nullish(),
});
export type ProcessSummary = z.infer<typeof processSummarySchema>;

/** `get-process` data: the list fields plus details. `cmdline` is a string or an argv array. */
export const processDetailSchema = processSummarySchema.extend({
  cmdline: z.union([z.string(), z.array(z.string())]).nullish(),
  nice: integerSchema().nullish(),
  numThreads: countSchema.nullish(),
  uptimeSeconds: nonNegativeSchema.nullish(),
});
export type ProcessDetail = z.infer<typeof processDetailSchema>;

/** Responses that carry only `{status:"ok"}` (`restart-service`, `update-agent-config`): data is ignored. */
export const noDataSchema = z.unknown();
