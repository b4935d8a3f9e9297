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

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  role: z.enum(USER_ROLES),
  scope: z.enum(API_KEY_SCOPES),
});

export interface AccessTokenResponse {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/**
 * Short-lived HS256 access tokens for API clients and WebSocket streams. The signing key is
 * HIVEWATCH_JWT_SECRET or, failing that, generated once and kept in the database so every hub
 * instance shares it. Verification is stateless (no database access).
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

  async issue(principal: Principal): Promise<AccessTokenResponse> {
    const ttl = this.config.accessTokenTtlSeconds;
    const now = Math.floor(this.clock.now() / 1000);
    const accessToken = await new SignJWT({
      name: principal.username,
      role: principal.role,
      scope: principal.scope,
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

  /** The principal a valid, unexpired token was issued to; null for anything else. */
  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(this.clock.now()),
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return null;
      const { sub, name, role, scope } = claims.data;
      return { via: 'access-token', userId: sub, username: name, role, scope };
    } catch (err) {
      if (!(err instanceof joseErrors.JOSEError)) throw err;
      return null;
    }
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
