import type { User } from '../user.entity.js';

export {
  createUserSchema,
  newPasswordSchema,
  updateUserSchema,
  usernameSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from '@hivewatch/protocol';

/** A user as the API shows it: never the password hash. JSON makes it the protocol's `User`. */
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
