import { z } from 'zod';
import { messageIdSchema, responseEnvelopeSchema } from '../envelope.js';
import {
  countSchema,
  integerSchema,
  MAX_CAPABILITIES,
  MAX_NAME_CHARS,
  nameSchema,
  nonEmptyStringSchema,
  PROTOCOL_VERSION_MAX,
  seqSchema,
  unixMsSchema,
} from '../primitives.js';
import { MAX_METRICS_INTERVAL_SECONDS, MIN_METRICS_INTERVAL_SECONDS } from '../constants.js';

/**
 * `authenticate`: the first frame of the envelope dialect. The seed-002 agent sends only
 * `{agent_id, token}`; everything else is optional and its absence means "seed-002 agent".
 */

/** Outbox state our agent reports on reconnect (protocol.md §1.5). All optional. */
export const resumeStateSchema = z.object({
  lastSeq: seqSchema.optional().describe('highest metrics `seq` the agent has produced'),
  lastAckedSeq: seqSchema.optional().describe('highest `seq` the hub acknowledged'),
  pendingSamples: countSchema.optional().describe('samples waiting in the outbox'),
  oldestPendingTimestamp: unixMsSchema.optional(),
});
export type ResumeState = z.infer<typeof resumeStateSchema>;

/** Fields any agent MAY add to the authenticate payload. `capabilities` may hold names we do not know yet. */
const optionalAgentFields = {
  agent_version: nameSchema.optional(),
  protocol_version: integerSchema()
    .min(1)
    .max(PROTOCOL_VERSION_MAX)
    .optional()
    .describe('absent = seed-002 agent (version 1)'),
  capabilities: z
    .array(nameSchema)
    .max(MAX_CAPABILITIES)
    .optional()
    .describe('enabled capabilities; unknown names are ignored'),
  resume: resumeStateSchema.optional(),
};

/** Credentials of a known server: `agent_id` is the server's id in the hub, `token` its agent token. */
export const tokenCredentialsSchema = z.object({
  agent_id: nonEmptyStringSchema,
  token: nonEmptyStringSchema,
  hostname: nameSchema.optional(),
  ...optionalAgentFields,
});
export type TokenCredentials = z.infer<typeof tokenCredentialsSchema>;

/** First contact of an agent started with `--enroll <key>` (protocol.md §1.6). */
export const enrollmentCredentialsSchema = z.object({
  enrollment_key: nonEmptyStringSchema,
  hostname: nonEmptyStringSchema.max(MAX_NAME_CHARS),
  machine_id: nonEmptyStringSchema.describe('stable host identifier, e.g. a hash of /etc/machine-id'),
  ...optionalAgentFields,
});
export type EnrollmentCredentials = z.infer<typeof enrollmentCredentialsSchema>;

/** `authenticate` request payload: token credentials or enrollment credentials. */
export const authenticatePayloadSchema = z.union([tokenCredentialsSchema, enrollmentCredentialsSchema], {
  error: 'expected {agent_id, token} or {enrollment_key, hostname, machine_id}',
});
export type AuthenticatePayload = z.infer<typeof authenticatePayloadSchema>;

export function isEnrollment(payload: AuthenticatePayload): payload is EnrollmentCredentials {
  return 'enrollment_key' in payload;
}

/** The whole first frame. `id` may be absent: seed 002 shows the request without one. */
export const authenticateRequestFrameSchema = z.object({
  type: z.literal('request'),
  id: messageIdSchema.nullish(),
  action: z.literal('authenticate'),
  payload: authenticatePayloadSchema,
  timestamp: unixMsSchema.nullish(),
});
export type AuthenticateRequestFrame = z.infer<typeof authenticateRequestFrameSchema>;

/** Successful reply payload. `agent_id` and `token` only after an enrollment (persist them, mode 0600). */
export const authenticateOkPayloadSchema = z.object({
  status: z.literal('ok'),
  server_id: nonEmptyStringSchema,
  protocol_version: integerSchema().min(1),
  metrics_interval: integerSchema()
    .min(MIN_METRICS_INTERVAL_SECONDS)
    .max(MAX_METRICS_INTERVAL_SECONDS)
    .describe('seconds between metrics events'),
  agent_id: nonEmptyStringSchema.optional(),
  token: nonEmptyStringSchema.optional(),
});
export type AuthenticateOkPayload = z.infer<typeof authenticateOkPayloadSchema>;

/** Failed reply payload; the hub closes with 4401 right after. */
export const authenticateErrorPayloadSchema = z.object({
  status: z.literal('error'),
  message: z.string(),
});
export type AuthenticateErrorPayload = z.infer<typeof authenticateErrorPayloadSchema>;

/**
 * Hub → agent reply. Seed 002 shows only `{ "status": "ok" }` without saying at which level, so the hub
 * puts `status` (and `message` on failure) both on the envelope and in the payload.
 */
export const authenticateReplyFrameSchema = responseEnvelopeSchema.extend({
  id: messageIdSchema.nullish(),
  action: z.literal('authenticate'),
  status: z.enum(['ok', 'error']),
  payload: z.discriminatedUnion('status', [authenticateOkPayloadSchema, authenticateErrorPayloadSchema]),
});
export type AuthenticateReplyFrame = z.infer<typeof authenticateReplyFrameSchema>;

/** Builds the success reply, status at both levels. `id` echoes the request's (null when it had none). */
export function authenticateOkReply(
  id: number | null | undefined,
  payload: Omit<AuthenticateOkPayload, 'status'>,
  now: number = Date.now(),
): AuthenticateReplyFrame {
  return {
    type: 'response',
    id: id ?? null,
    action: 'authenticate',
    status: 'ok',
    payload: { status: 'ok', ...payload },
    timestamp: now,
  };
}

/** Builds the failure reply, status and message at both levels. */
export function authenticateErrorReply(
  id: number | null | undefined,
  message: string,
  now: number = Date.now(),
): AuthenticateReplyFrame {
  return {
    type: 'response',
    id: id ?? null,
    action: 'authenticate',
    status: 'error',
    message,
    payload: { status: 'error', message },
    timestamp: now,
  };
}
