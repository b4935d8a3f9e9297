import { z } from 'zod';
import { API_KEY_SCOPES } from './api-keys.js';
import { wireTimeSchema } from './common.js';
import { newPasswordSchema, USER_ROLES } from './users.js';

/** `/api/v1/auth` (src/auth). */

export const loginSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const signedInUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(USER_ROLES),
});
export type SignedInUser = z.infer<typeof signedInUserSchema>;

/** How a user's request authenticated. */
export const USER_CREDENTIALS = ['session', 'api-key', 'access-token'] as const;

/**
 * `GET /auth/me`: the user, how they authenticated and what the credential may do; whether the user
 * has a second factor, whether this session may only enroll one (an admin made it mandatory), and
 * until when its last proof of identity lets step-up actions through (null: none, or not a session).
 */
export const meSchema = z.object({
  user: signedInUserSchema,
  via: z.enum(USER_CREDENTIALS),
  scope: z.enum(API_KEY_SCOPES),
  secondFactor: z.boolean(),
  mustEnrollSecondFactor: z.boolean(),
  steppedUpUntil: wireTimeSchema.nullable(),
});
export type Me = z.infer<typeof meSchema>;
