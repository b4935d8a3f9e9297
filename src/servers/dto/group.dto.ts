import { z } from 'zod';
import { nameInput } from './common.js';

export const createGroupSchema = z.object({
  name: nameInput(100),
  description: z.string().max(500).optional(),
  displayOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const updateGroupSchema = createGroupSchema.partial().strict();
export type UpdateGroupInput = z.infer<typeof updateGroupSchema>;

export interface GroupView {
  id: string;
  name: string;
  description: string;
  displayOrder: number;
  serverCount: number;
  createdAt: Date;
}
