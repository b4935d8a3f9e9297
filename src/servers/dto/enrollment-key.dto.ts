import { z } from 'zod';
import { tagListSchema } from '../tags.js';
import type { EnrollmentKeyStatus } from '../enrollment-key.js';
import { dateInput, nameInput } from './common.js';

const maxUses = z.number().int().min(1).max(1_000_000);

export const createEnrollmentKeySchema = z.object({
  name: nameInput(100),
  expiresAt: dateInput.nullish(),
  maxUses: maxUses.nullish().describe('how many machines may enroll with this key; unlimited when absent'),
  groupId: z.uuid().nullish(),
  tags: tagListSchema.optional(),
});
export type CreateEnrollmentKeyInput = z.infer<typeof createEnrollmentKeySchema>;

export const updateEnrollmentKeySchema = z
  .object({
    name: nameInput(100),
    expiresAt: dateInput.nullable(),
    maxUses: maxUses.nullable(),
    groupId: z.uuid().nullable(),
    tags: tagListSchema,
  })
  .partial()
  .strict();
export type UpdateEnrollmentKeyInput = z.infer<typeof updateEnrollmentKeySchema>;

/** An enrollment key as the API shows it: the clear prefix, never the key or its hash. */
export interface EnrollmentKeyView {
  id: string;
  name: string;
  prefix: string;
  status: EnrollmentKeyStatus;
  groupId: string | null;
  tags: string[];
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}
