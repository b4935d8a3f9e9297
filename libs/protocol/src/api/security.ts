import { z } from 'zod';
import { wireTimeSchema } from './common.js';
import { signedInUserSchema } from './auth.js';

/**
 * Second factor, step-up and sign-in challenges: `/api/v1/auth/...` (src/auth/second-factor,
 * src/auth/step-up). docs/security.md describes the flows.
 */

/** A TOTP code (RFC 6238: 30 s steps, 6 digits). Spaces a user may paste are stripped. */
export const totpCodeSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows'));

/** A recovery code as shown once: 4 groups of 4 base32 characters (80 bits), dashes optional. */
export const recoveryCodeSchema = z
  .string()
  .max(64)
  .transform((s) => s.replace(/[\s-]+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-7]{16}$/, 'must be one of your recovery codes (e.g. ABCD-EFGH-IJKL-MNOP)'));

export const RECOVERY_CODE_COUNT = 10;

/** How a user proved who they are. `sso:<provider id>` for a provider sign-in or re-authentication. */
export const authMethodSchema = z.string().regex(/^(password|totp|recovery-code|sso:[a-z0-9-]{1,32})$/);
export type AuthMethod = z.infer<typeof authMethodSchema>;

// ---- sign-in with a second factor ----

/**
 * `POST /auth/login` (and an SSO callback that needs the local second factor) answers one of these.
 * `signed-in`: the session cookie is set. `enrollSecondFactor`: the session may only enroll a second
 * factor (an admin made it mandatory) until it does. `second-factor`: no cookie yet; send the code
 * with `challenge` to `POST /auth/login/second-factor` within `expiresAt`.
 */
export const loginResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('signed-in'),
    user: signedInUserSchema,
    enrollSecondFactor: z.boolean(),
  }),
  z.object({
    status: z.literal('second-factor'),
    challenge: z.string(),
    methods: z.array(z.enum(['totp', 'recovery-code'])),
    expiresAt: wireTimeSchema,
  }),
]);
export type LoginResult = z.infer<typeof loginResultSchema>;

/**
 * `POST /auth/login/second-factor`. `challenge` comes from the login answer; after an SSO sign-in
 * it is omitted: the hub set it in the HttpOnly `hw_challenge` cookie, so it never appears in a URL.
 */
const challengeField = z.string().min(1).max(128).optional();
export const secondFactorLoginSchema = z.union([
  z.object({ challenge: challengeField, code: totpCodeSchema }).strict(),
  z.object({ challenge: challengeField, recoveryCode: recoveryCodeSchema }).strict(),
]);
export type SecondFactorLoginInput = z.infer<typeof secondFactorLoginSchema>;

// ---- TOTP enrollment ----

/** `POST /auth/second-factor/totp`: a pending enrollment; shown once, confirmed with a code. */
export const totpEnrollmentSchema = z.object({
  /** `otpauth://totp/Hivewatch:<user>?secret=…&issuer=Hivewatch&algorithm=SHA1&digits=6&period=30` */
  otpauthUrl: z.string(),
  /** The base32 secret, for apps that cannot scan. */
  secret: z.string(),
  /** The otpauth URL as a QR code: `data:image/svg+xml;base64,…`. */
  qrDataUrl: z.string(),
});
export type TotpEnrollment = z.infer<typeof totpEnrollmentSchema>;

export const confirmTotpSchema = z.object({ code: totpCodeSchema }).strict();
export type ConfirmTotpInput = z.infer<typeof confirmTotpSchema>;

/** Recovery codes, shown once (after confirming TOTP, or regenerating). */
export const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT),
});
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

// ---- step-up ----

/** The `reason` of a 401 that a fresh proof of identity would turn into success. */
export const STEP_UP_REQUIRED = 'step_up_required';

/** The body of that 401: how the caller can step up, and how long a proof lasts. */
export const stepUpRequiredSchema = z.object({
  statusCode: z.literal(401),
  message: z.string(),
  reason: z.literal(STEP_UP_REQUIRED),
  /** `totp`, `password`, or `sso:<provider id>` (re-authenticate at that provider). */
  methods: z.array(z.string()),
  maxAgeSeconds: z.number().int().positive(),
});
export type StepUpRequired = z.infer<typeof stepUpRequiredSchema>;

/** `POST /auth/step-up`: a TOTP code, or the password for users without TOTP. */
export const stepUpSchema = z.union([
  z.object({ code: totpCodeSchema }).strict(),
  z.object({ password: z.string().min(1).max(1024) }).strict(),
]);
export type StepUpInput = z.infer<typeof stepUpSchema>;

export const stepUpResultSchema = z.object({ steppedUpUntil: wireTimeSchema, method: authMethodSchema });
export type StepUpResult = z.infer<typeof stepUpResultSchema>;

// ---- account security overview ----

export const linkedIdentitySchema = z.object({
  id: z.string(),
  provider: z.string(),
  providerName: z.string(),
  subject: z.string(),
  email: z.string().nullable(),
  createdAt: wireTimeSchema,
  lastUsedAt: wireTimeSchema.nullable(),
});
export type LinkedIdentity = z.infer<typeof linkedIdentitySchema>;

export const accountSessionSchema = z.object({
  id: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  method: authMethodSchema,
  createdAt: wireTimeSchema,
  lastSeenAt: wireTimeSchema,
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;

/** `GET /auth/security`: the caller's second factor, identities and sessions. */
export const accountSecuritySchema = z.object({
  hasPassword: z.boolean(),
  totp: z.object({
    enabled: z.boolean(),
    enabledAt: wireTimeSchema.nullable(),
    recoveryCodesLeft: z.number().int().min(0),
    /** An admin requires a second factor for this account and it has none yet. */
    required: z.boolean(),
  }),
  identities: z.array(linkedIdentitySchema),
  sessions: z.array(accountSessionSchema),
  steppedUpUntil: wireTimeSchema.nullable(),
});
export type AccountSecurity = z.infer<typeof accountSecuritySchema>;
