import { z } from 'zod';
import { limitParam } from '../../common/http/query-schemas.js';
import { tagListSchema, tagSchema } from '../tags.js';
import { dateInput, nameInput } from './common.js';

export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly'] as const;

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

/** The inventory fields of a server as the API shows them: never the token hash, never the hashed machine id. */
export interface ServerView {
  id: string;
  name: string;
  groupId: string | null;
  tags: string[];
  notes: string;
  tokenPrefix: string;
  tokenRotatedAt: Date;
  enrollmentKeyId: string | null;
  dialect: 'envelope' | 'simple' | null;
  agentVersion: string | null;
  protocolVersion: number | null;
  capabilities: string[] | null;
  systemInfo: Record<string, unknown> | null;
  price: number | null;
  currency: string | null;
  billingCycle: (typeof BILLING_CYCLES)[number] | null;
  expiresAt: Date | null;
  displayOrder: number;
  lastSeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A server as the REST API answers it (one server, list items): the inventory fields and the agent
 * settings the hub last applied, null until the agent accepted some.
 */
export interface ServerApiView extends ServerView {
  agentConfig: AppliedAgentConfig | null;
}

/** Agent settings the agent accepted (`PUT /servers/:id/agent-config`), and when. */
export interface AppliedAgentConfig {
  metricsInterval: number;
  watchlist: string[];
  appliedAt: Date;
}

/** The answer to creating a server or rotating its token: the only time the token is shown. */
export interface ServerWithToken {
  server: ServerApiView;
  token: string;
  /** Shell command (run as root) that stores the token in a 0600 file and starts the agent with it. */
  agentCommand: string;
}
