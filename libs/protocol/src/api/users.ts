import { z } from 'zod';
import { wireTimeSchema } from './common.js';

/** `/api/v1/users` (src/users). */

export const USER_ROLES = ['admin', 'user'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const usernameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores');
/** argon2 takes any length; the upper bound only keeps request bodies sane. */
export const newPasswordSchema = z.string().min(12, 'must be at least 12 characters').max(1024);

export const createUserSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
  role: z.enum(USER_ROLES),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    role: z.enum(USER_ROLES).optional(),
    disabled: z.boolean().optional(),
    password: newPasswordSchema.optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** A user as the API shows it: never the password hash. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(USER_ROLES),
  disabled: z.boolean(),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
  lastLoginAt: wireTimeSchema.nullable(),
});
export type User = z.infer<typeof userSchema>;

/** `POST /api/v1/users/{id}/unlock`: the account's failed sign-ins were forgotten (delays and backoffs end). */
export const unlockSignInResultSchema = z.object({
  /** Failed sign-ins of the account inside the window when it was unlocked. */
  failuresCleared: z.number().int().min(0),
});
export type UnlockSignInResult = z.infer<typeof unlockSignInResultSchema>;
