import { z } from 'zod';
import { newPasswordSchema } from '../../users/dto/user.dto.js';
import type { UserRole } from '../../users/user.entity.js';

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

export interface SignedInUser {
  id: string;
  username: string;
  role: UserRole;
}
