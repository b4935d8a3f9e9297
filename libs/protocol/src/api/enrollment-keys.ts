import { z } from 'zod';
import { dateInput, nameInput, wireTimeSchema } from './common.js';
import { tagListSchema } from './tags.js';

/** `/api/v1/enrollment-keys` (src/servers). */

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

export const ENROLLMENT_KEY_STATUSES = ['active', 'revoked', 'expired', 'exhausted'] as const;
export type EnrollmentKeyStatus = (typeof ENROLLMENT_KEY_STATUSES)[number];

/** An enrollment key as the API shows it: the clear prefix, never the key or its hash. */
export const enrollmentKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  status: z.enum(ENROLLMENT_KEY_STATUSES),
  groupId: z.string().nullable(),
  tags: z.array(z.string()),
  expiresAt: wireTimeSchema.nullable(),
  maxUses: z.number().nullable(),
  uses: z.number(),
  lastUsedAt: wireTimeSchema.nullable(),
  revokedAt: wireTimeSchema.nullable(),
  createdBy: z.string().nullable(),
  createdAt: wireTimeSchema,
});
export type EnrollmentKey = z.infer<typeof enrollmentKeySchema>;

/** The answer to a creation: the only time the key itself is shown. */
export const createdEnrollmentKeySchema = z.object({ enrollmentKey: enrollmentKeySchema, key: z.string() });
export type CreatedEnrollmentKey = z.infer<typeof createdEnrollmentKeySchema>;
