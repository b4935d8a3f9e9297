export {
  changePasswordSchema,
  loginSchema,
  type ChangePasswordInput,
  type LoginInput,
  type SignedInUser,
} from '@hivewatch/protocol';
