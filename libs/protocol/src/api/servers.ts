import { z } from 'zod';
import { dateInput, limitParam, nameInput, wireTimeSchema } from './common.js';
import { tagListSchema, tagSchema } from './tags.js';
import { osDisplayNameSchema } from '../primitives.js';

/** `/api/v1/servers` (src/servers). */

export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

export const createServerSchema = z.object({
  name: nameInput(100),
  groupId: z.uuid().nullish(),
  tags: tagListSchema.optional(),
  notes: z.string().max(10_000).optional(),
});
export type CreateServerInput = z.infer<typeof createServerSchema>;

export const updateServerSchema = z
  .object({
    name: nameInput(100),
    groupId: z.uuid().nullable(),
    tags: tagListSchema,
    notes: z.string().max(10_000),
    price: z.number().nonnegative().max(1e12).nullable(),
    currency: z
      .string()
      .trim()
      .regex(/^\S{1,8}$/, 'an ISO 4217 code such as EUR, or a short symbol')
      .nullable(),
    billingCycle: z.enum(BILLING_CYCLES).nullable(),
    expiresAt: dateInput.nullable(),
    displayOrder: z.number().int().min(-1_000_000).max(1_000_000),
    terminalRecording: z
      .boolean()
      .nullable()
      .describe('record terminal sessions on this server; null = follow the global terminal setting'),
    simpleCommands: z
      .boolean()
      .describe(
        'send commands to this simple-dialect (seed-001) agent (admin, step-up; audited server.simple-commands)',
      ),
  })
  .partial()
  .strict();
export type UpdateServerInput = z.infer<typeof updateServerSchema>;

export const SERVER_SORTS = ['name', 'createdAt', 'displayOrder'] as const;

export const serverQuerySchema = z.object({
  groupId: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .describe('a group id, or "none" for ungrouped servers'),
  tag: tagSchema.optional(),
  q: z.string().trim().max(100).optional().describe('case-insensitive substring of the name'),
  dialect: z.enum(['envelope', 'simple']).optional(),
  sort: z.enum(SERVER_SORTS).default('displayOrder'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: limitParam(1000, 100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ServerQuery = z.infer<typeof serverQuerySchema>;

/** Agent settings the agent accepted (`PUT /servers/:id/agent-config`), and when. */
export const appliedAgentConfigSchema = z.object({
  metricsInterval: z.number(),
  watchlist: z.array(z.string()),
  appliedAt: wireTimeSchema,
});
export type AppliedAgentConfig = z.infer<typeof appliedAgentConfigSchema>;

/**
 * A server as the REST API answers it (one server, list items): the inventory fields — never the
 * token hash, never the hashed machine id —, its presence, and the agent settings the hub last
 * applied, null until the agent accepted some.
 */
export const serverSchema = z.object({
  id: z.string(),
  name: z.string(),
  groupId: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  tokenPrefix: z.string(),
  tokenRotatedAt: wireTimeSchema,
  enrollmentKeyId: z.string().nullable(),
  dialect: z.enum(['envelope', 'simple']).nullable(),
  agentVersion: z.string().nullable(),
  protocolVersion: z.number().nullable(),
  capabilities: z.array(z.string()).nullable(),
  systemInfo: z.record(z.string(), z.unknown()).nullable(),
  os: osDisplayNameSchema,
  price: z.number().nullable(),
  currency: z.string().nullable(),
  billingCycle: z.enum(BILLING_CYCLES).nullable(),
  expiresAt: wireTimeSchema.nullable(),
  displayOrder: z.number(),
  simpleCommands: z
    .boolean()
    .optional()
    .describe('commands may be sent to this simple-dialect (seed-001) agent (docs/commands.md)'),
  lastSeenAt: wireTimeSchema
    .nullable()
    .describe("last contact with the server's agent (live while it is connected); null = never connected"),
  online: z.boolean().describe("whether the server's agent is connected now"),
  offlineSince: wireTimeSchema
    .nullable()
    .describe(
      'since when the agent is gone (kept across hub restarts); null while online or never connected',
    ),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
  agentConfig: appliedAgentConfigSchema.nullable(),
  terminalRecording: z
    .boolean()
    .nullable()
    .optional()
    .describe('terminal sessions recorded (true/false) or following the global setting (null)'),
});
export type Server = z.infer<typeof serverSchema>;

/** The answer to creating a server or rotating its token: the only time the token is shown. */
export const serverWithTokenSchema = z.object({
  server: serverSchema,
  token: z.string(),
  /** Shell command (run as root) that stores the token in a 0600 file and starts the agent with it. */
  agentCommand: z.string(),
});
export type ServerWithToken = z.infer<typeof serverWithTokenSchema>;

/** `GET /servers`: one page of the inventory and how many servers match in all. */
export const serverListSchema = z.object({ items: z.array(serverSchema), total: z.number() });
export type ServerList = z.infer<typeof serverListSchema>;

/** `GET /tags`: every tag in use and on how many servers. */
export const tagCountSchema = z.object({ tag: z.string(), count: z.number() });
export type TagCount = z.infer<typeof tagCountSchema>;
