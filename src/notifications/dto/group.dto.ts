import { z } from 'zod';
import { silenceSchema } from '../../alerts/dto/alert-rule.dto.js';

export const createNotificationGroupSchema = z.object({
  name: z.string().trim().min(1).max(100),
  channelIds: z.array(z.uuid()).max(50).default([]),
  silence: silenceSchema.nullable().default(null),
});
export type CreateNotificationGroupInput = z.infer<typeof createNotificationGroupSchema>;

export const updateNotificationGroupSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    channelIds: z.array(z.uuid()).max(50),
    silence: silenceSchema.nullable(),
  })
  .partial()
  .strict();
export type UpdateNotificationGroupInput = z.infer<typeof updateNotificationGroupSchema>;
