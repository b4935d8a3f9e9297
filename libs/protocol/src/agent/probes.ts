import { z } from 'zod';
import {
  durationMsSchema,
  integerSchema,
  nameSchema,
  percentSchema,
  streamIdSchema,
  textSchema,
  unixMsSchema,
} from '../primitives.js';
import {
  PROBE_HEADER_NAME_PATTERN,
  PROBE_HTTP_BODY_MAX_CHARS,
  PROBE_HTTP_HEADER_VALUE_MAX_CHARS,
  PROBE_HTTP_MAX_HEADERS,
  PROBE_HTTP_METHODS,
  PROBE_ICMP_COUNT_MAX,
  PROBE_INTERVAL_MAX_SECONDS,
  PROBE_INTERVAL_MIN_SECONDS,
  PROBE_KEYWORD_MAX_CHARS,
  PROBE_KINDS,
  PROBE_MAX_REDIRECTS,
  PROBE_MAX_TASKS,
  PROBE_TARGET_MAX_CHARS,
  PROBE_TIMEOUT_MAX_MS,
  PROBE_TIMEOUT_MIN_MS,
} from './probe-limits.js';

export * from './probe-limits.js';

/**
 * Probes (capability `ping`, not dangerous): ICMP, TCP connect and HTTP(S) checks that the hub
 * assigns to chosen agents with `ping-tasks-sync` (the complete list; anything not listed stops).
 * The agent runs each task at its interval and sends one `ping-result` per run.
 */

export const probeKindSchema = z.enum(PROBE_KINDS);

export const probeHttpOptionsSchema = z.object({
  method: z.enum(PROBE_HTTP_METHODS),
  expectedStatus: z
    .array(integerSchema().min(100).max(599))
    .min(1)
    .max(64)
    .describe('statuses that count as up, e.g. [200, 204]'),
  keyword: z.string().min(1).max(PROBE_KEYWORD_MAX_CHARS).nullable().describe('text looked for in the body'),
  keywordMode: z.enum(['present', 'absent']),
  followRedirects: z.boolean(),
  maxRedirects: integerSchema().min(0).max(PROBE_MAX_REDIRECTS),
  headers: z
    .array(
      z.object({
        name: z.string().regex(PROBE_HEADER_NAME_PATTERN, { error: 'must be an HTTP header name' }),
        value: z
          .string()
          .max(PROBE_HTTP_HEADER_VALUE_MAX_CHARS)
          .regex(/^[^\r\n]*$/, { error: 'must be one line' }),
      }),
    )
    .max(PROBE_HTTP_MAX_HEADERS),
  body: z.string().max(PROBE_HTTP_BODY_MAX_CHARS).nullable(),
  /** Still report the certificate of a server whose chain does not verify (the run then counts as up). */
  ignoreTlsErrors: z.boolean(),
});
export type ProbeHttpOptions = z.infer<typeof probeHttpOptionsSchema>;

/** One probe assigned to the agent. */
export const pingTaskSchema = z.object({
  id: streamIdSchema,
  probe: probeKindSchema,
  target: z
    .string()
    .min(1)
    .max(PROBE_TARGET_MAX_CHARS)
    .describe('icmp: host name or address; tcp: host:port ([v6]:port); http: http(s) URL'),
  intervalSeconds: integerSchema().min(PROBE_INTERVAL_MIN_SECONDS).max(PROBE_INTERVAL_MAX_SECONDS),
  timeoutMs: integerSchema().min(PROBE_TIMEOUT_MIN_MS).max(PROBE_TIMEOUT_MAX_MS),
  icmpCount: integerSchema().min(1).max(PROBE_ICMP_COUNT_MAX).optional().describe('icmp only'),
  http: probeHttpOptionsSchema.optional().describe('http only'),
});
export type PingTask = z.infer<typeof pingTaskSchema>;

/** `ping-tasks-sync`: the complete task list; anything not listed is stopped (capability `ping`). */
export const pingTasksSyncRequestSchema = z.object({ tasks: z.array(pingTaskSchema).max(PROBE_MAX_TASKS) });
export type PingTasksSyncRequest = z.infer<typeof pingTasksSyncRequestSchema>;

/** The server certificate of an HTTPS probe (leaf). */
export const probeCertificateSchema = z.object({
  subject: textSchema,
  issuer: textSchema,
  validFrom: unixMsSchema,
  validTo: unixMsSchema,
  fingerprint256: z
    .string()
    .regex(/^[A-F0-9]{2}(:[A-F0-9]{2}){31}$/, { error: 'must be a SHA-256 fingerprint' }),
  authorized: z.boolean().describe('the chain verified against the agent’s trust store'),
  authorizationError: textSchema.nullable(),
});
export type ProbeCertificate = z.infer<typeof probeCertificateSchema>;

/**
 * `ping-result`: one probe run. `success` is the agent's verdict for this run; `latencyMs` is the
 * round trip (icmp: average rtt; tcp: connect; http: until the response headers), null when it failed.
 */
export const pingResultPayloadSchema = z.object({
  taskId: nameSchema,
  at: unixMsSchema.describe('when the run started'),
  success: z.boolean(),
  latencyMs: durationMsSchema.nullable(),
  error: textSchema
    .nullable()
    .describe('why the run failed, e.g. "connect ECONNREFUSED", "status 503", "keyword missing"'),
  method: z
    .enum(['icmp', 'tcp', 'http', 'tcp-fallback'])
    .describe(
      'how it ran: tcp-fallback when ICMP is not possible here (no raw socket) and a TCP connect to port 80/443 replaced it',
    ),
  icmp: z
    .object({
      sent: integerSchema().min(0).max(PROBE_ICMP_COUNT_MAX),
      received: integerSchema().min(0).max(PROBE_ICMP_COUNT_MAX),
      lossPercent: percentSchema,
      rttMinMs: durationMsSchema.nullable(),
      rttAvgMs: durationMsSchema.nullable(),
      rttMaxMs: durationMsSchema.nullable(),
    })
    .optional(),
  http: z
    .object({
      status: integerSchema().min(100).max(599).nullable(),
      redirects: integerSchema().min(0).max(PROBE_MAX_REDIRECTS),
      keywordFound: z.boolean().nullable(),
      certificate: probeCertificateSchema.nullable(),
    })
    .optional(),
});
export type PingResultPayload = z.infer<typeof pingResultPayloadSchema>;
