import { z } from 'zod';
import { nameInput, wireTimeSchema } from './common.js';

/** `/api/v1/groups` (server groups, src/servers). */

export const createGroupSchema = z.object({
  name: nameInput(100),
  description: z.string().max(500).optional(),
  displayOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const updateGroupSchema = createGroupSchema.partial().strict();
export type UpdateGroupInput = z.infer<typeof updateGroupSchema>;

export const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  displayOrder: z.number(),
  serverCount: z.number(),
  createdAt: wireTimeSchema,
});
export type Group = z.infer<typeof groupSchema>;
