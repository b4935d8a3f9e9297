import { Injectable, Logger } from '@nestjs/common';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { API_KEY_SCOPES } from '../api-keys/api-key.entity.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { randomSecret } from '../common/crypto/secrets.js';
import { AppConfig } from '../config/app-config.js';
import { SettingsStore } from '../database/settings.store.js';
import { USER_ROLES } from '../users/user.entity.js';

export const JWT_SIGNING_KEY_SETTING = 'jwt_signing_key';
const ISSUER = 'hivewatch';
const AUDIENCE = 'hivewatch-api';

/**
 * Clocks of hubs sharing a database may differ this much: a token may claim to be issued up to this
 * far in the future, and live this much longer than the configured lifetime.
 */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  role: z.enum(USER_ROLES),
  scope: z.enum(API_KEY_SCOPES),
  iat: z.number().int(),
  exp: z.number().int(),
  /** The user's token generation when the token was issued (see User.tokenGeneration). */
  gen: z.number().int().nonnegative(),
});

/** What a valid token says: its principal, and the user's token generation it was issued under. */
export interface VerifiedAccessToken {
  principal: Principal;
  generation: number;
}

export interface AccessTokenResponse {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/**
 * Short-lived HS256 access tokens for API clients and WebSocket streams. The signing key is
 * HIVEWATCH_JWT_SECRET or, failing that, generated once and kept in the database so every hub
 * instance shares it. Verification here is stateless; CredentialsService.authenticateBearer adds
 * the user's current state (disabled, role, token generation) and is what every caller uses.
 */
@Injectable()
export class AccessTokenService {
  private readonly logger = new Logger(AccessTokenService.name);
  private key: Promise<Uint8Array> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  /** `generation` is the user's current token generation: bumping it later ends this token. */
  async issue(principal: Principal, generation: number): Promise<AccessTokenResponse> {
    const ttl = this.config.accessTokenTtlSeconds;
    const now = Math.floor(this.clock.now() / 1000);
    const accessToken = await new SignJWT({
      name: principal.username,
      role: principal.role,
      scope: principal.scope,
      gen: generation,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(principal.userId)
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(randomSecret(12))
      .sign(await this.signingKey());
    return { accessToken, expiresIn: ttl, tokenType: 'Bearer' };
  }

  /**
   * The principal of a valid, unexpired token; null for anything else, including a token whose
   * lifetime (exp − iat) exceeds the configured one or that claims to be issued in the future —
   * whoever could sign such a token has the key, not a session.
   */
  async verify(token: string): Promise<VerifiedAccessToken | null> {
    try {
      const now = this.clock.now();
      const { payload } = await jwtVerify(token, await this.signingKey(), {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub'],
        currentDate: new Date(now),
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success || !this.plausibleLifetime(claims.data, now)) return null;
      const { sub, name, role, scope, gen } = claims.data;
      return {
        principal: { via: 'access-token', userId: sub, username: name, role, scope },
        generation: gen,
      };
    } catch (err) {
      if (!(err instanceof joseErrors.JOSEError)) throw err;
      return null;
    }
  }

  private plausibleLifetime({ iat, exp }: { iat: number; exp: number }, nowMs: number): boolean {
    const maxLifetime = this.config.accessTokenTtlSeconds + TOKEN_CLOCK_SKEW_SECONDS;
    return exp > iat && exp - iat <= maxLifetime && iat <= nowMs / 1000 + TOKEN_CLOCK_SKEW_SECONDS;
  }

  private signingKey(): Promise<Uint8Array> {
    this.key ??= this.loadKey().catch((err: unknown) => {
      this.key = undefined; // retry on the next call instead of caching the failure
      throw err;
    });
    return this.key;
  }

  private async loadKey(): Promise<Uint8Array> {
    const secret =
      this.config.jwtSecret ??
      (await this.settings.getOrCreate(JWT_SIGNING_KEY_SETTING, () => randomSecret(48)));
    if (!this.config.jwtSecret) this.logger.debug('access tokens signed with the key stored in the database');
    return new TextEncoder().encode(secret);
  }
}
