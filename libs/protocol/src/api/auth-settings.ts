import { z } from 'zod';
import { usernameSchema } from './users.js';

/** `GET/PUT /api/v1/settings/auth` (admin; changing them needs step-up): sign-in policy. */

export const SSO_SECOND_FACTOR_POLICIES = ['trust-provider-mfa', 'always-local'] as const;

export const authSettingsSchema = z.object({
  /** Unknown SSO identities may create an account (with the mapped role, else `user`). */
  allowRegistration: z.boolean(),
  /** An SSO identity whose provider vouches for its e-mail may be linked to the user with that e-mail. */
  linkByVerifiedEmail: z.boolean(),
  /** Admins without a second factor must enroll one at their next sign-in. */
  requireSecondFactorForAdmins: z.boolean(),
  /** Local password sign-in; when off, only `breakGlassUsername` may still use it. */
  localSignIn: z.boolean(),
  breakGlassUsername: usernameSchema.nullable(),
  /** SSO sign-ins: accept the provider's MFA (`amr` claim), or always ask the local second factor. */
  ssoSecondFactor: z.enum(SSO_SECOND_FACTOR_POLICIES),
  /** How long a proof of identity lets dangerous actions through (60 s – 1 h; default 300). */
  stepUpMaxAgeSeconds: z.number().int().min(60).max(3600),
});
export type AuthSettings = z.infer<typeof authSettingsSchema>;

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  allowRegistration: false,
  linkByVerifiedEmail: false,
  requireSecondFactorForAdmins: false,
  localSignIn: true,
  breakGlassUsername: null,
  ssoSecondFactor: 'always-local',
  stepUpMaxAgeSeconds: 300,
};

export const updateAuthSettingsSchema = authSettingsSchema
  .partial()
  .strict()
  .refine((s) => s.localSignIn !== false || s.breakGlassUsername !== undefined, {
    message: 'turning local sign-in off needs breakGlassUsername (a local admin that keeps it)',
    path: ['breakGlassUsername'],
  });
export type UpdateAuthSettingsInput = z.infer<typeof updateAuthSettingsSchema>;
