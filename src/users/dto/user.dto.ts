import { z } from 'zod';
import { USER_ROLES, type User } from '../user.entity.js';

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
export interface UserView {
  id: string;
  username: string;
  role: User['role'];
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    disabled: u.disabled,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    lastLoginAt: u.lastLoginAt,
  };
}
