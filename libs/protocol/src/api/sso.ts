import { z } from 'zod';

/**
 * Single sign-on: `/api/v1/auth/providers` and `/api/v1/auth/sso/{provider}/…` (src/auth/sso).
 * Providers are configured by environment (README, "Single sign-on").
 */

export const SSO_PROVIDER_KINDS = ['oidc', 'google', 'github'] as const;
export type SsoProviderKind = (typeof SSO_PROVIDER_KINDS)[number];

/** A provider id: lowercase letters, digits and dashes (`google`, `github`, or an OIDC provider's id). */
export const ssoProviderIdSchema = z.string().regex(/^[a-z0-9-]{1,32}$/);

export const ssoProviderSchema = z.object({
  id: ssoProviderIdSchema,
  kind: z.enum(SSO_PROVIDER_KINDS),
  displayName: z.string(),
});
export type SsoProvider = z.infer<typeof ssoProviderSchema>;

/** `GET /auth/providers` (public): what the sign-in page offers. */
export const signInOptionsSchema = z.object({
  providers: z.array(ssoProviderSchema),
  /** False when an admin turned local password sign-in off (the break-glass admin can still use it). */
  localSignIn: z.boolean(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** What a provider round trip is for. `step-up` and `link` need a signed-in session. */
export const SSO_PURPOSES = ['sign-in', 'link', 'step-up'] as const;
export type SsoPurpose = (typeof SSO_PURPOSES)[number];

/** `GET /auth/sso/{provider}/start?purpose=…&returnTo=…`: redirects to the provider. */
export const ssoStartQuerySchema = z.object({
  purpose: z.enum(SSO_PURPOSES).default('sign-in'),
  /** A path of the console to come back to: must start with a single `/`. */
  returnTo: z
    .string()
    .max(512)
    .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path of this hub')
    .default('/'),
});
export type SsoStartQuery = z.infer<typeof ssoStartQuerySchema>;

/**
 * `POST /auth/logout` answers 200 with this when the session came from a provider that offers
 * RP-initiated logout (the console then sends the browser there); otherwise 204 with no body.
 */
export const logoutResultSchema = z.object({ providerLogoutUrl: z.url() });
export type LogoutResult = z.infer<typeof logoutResultSchema>;

/**
 * Why a provider round trip failed; the callback redirects to `/sign-in?error=<code>` (or back to
 * `returnTo` with `ssoError=<code>` for `link` and `step-up`).
 */
export const SSO_ERRORS = [
  'refused', // the provider answered an error, or the user cancelled
  'not-registered', // unknown identity and registration is off
  'group-not-allowed', // role mapping is on and the identity is in no mapped group
  'org-not-allowed', // GitHub: not a member of an allowed organisation
  'domain-not-allowed', // Google: not in the allowed hosted domain
  'email-unverified', // the provider did not vouch for the e-mail that was needed
  'provider-unreachable', // discovery, token or API call failed
  'invalid-response', // state, nonce, signature, audience, issuer or expiry check failed
  'expired', // the round trip took longer than allowed, or was already used
  'already-linked', // the identity belongs to another user
  'disabled', // the local account is disabled
  'reauthentication-required', // step-up: the provider did not re-authenticate (auth_time too old)
] as const;
export type SsoError = (typeof SSO_ERRORS)[number];
