import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import * as client from 'openid-client';
import type { OidcProviderConfig } from '../../../config/sso-config.js';
import { SsoFailure } from '../sso-provider.js';
import { describeError } from './oidc-failures.js';

/** What discovery found: openid-client's configuration and the provider's signing keys. */
export interface OidcServer {
  config: client.Configuration;
  keys: JWTVerifyGetKey;
}

export interface OidcDiscoveryOptions {
  /** Attempts per sign-in before `provider-unreachable` (a failure is never cached). */
  attempts: number;
  retryDelayMs: number;
  /** Per HTTP request to the provider, in seconds. */
  timeoutSeconds: number;
  /** Discovery is repeated after this long (the stale result is kept if the provider is down then). */
  maxAgeMs: number;
}

const DEFAULTS: OidcDiscoveryOptions = {
  attempts: 2,
  retryDelayMs: 500,
  timeoutSeconds: 10,
  maxAgeMs: 3_600_000,
};

/**
 * Discovery by issuer, done at the first round trip rather than at boot, so the hub starts while
 * the provider is down (its sign-in then fails with `provider-unreachable` until it is back).
 */
export class OidcDiscovery {
  private readonly logger = new Logger(OidcDiscovery.name);
  private readonly options: OidcDiscoveryOptions;
  private cached: { server: OidcServer; at: number } | null = null;
  private pending: Promise<OidcServer> | null = null;

  constructor(
    private readonly provider: OidcProviderConfig,
    options: Partial<OidcDiscoveryOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Plain http only for a provider on this machine (tests, a local Keycloak); anything else needs https. */
  get insecureAllowed(): boolean {
    return isLoopback(new URL(this.provider.issuer));
  }

  async server(): Promise<OidcServer> {
    if (this.cached && Date.now() - this.cached.at < this.options.maxAgeMs) return this.cached.server;
    this.pending ??= this.discoverWithRetry().finally(() => (this.pending = null));
    try {
      const server = await this.pending;
      this.cached = { server, at: Date.now() };
      return server;
    } catch (err) {
      if (this.cached) return this.cached.server;
      throw err;
    }
  }

  private async discoverWithRetry(): Promise<OidcServer> {
    let last: unknown;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      try {
        return await this.discover();
      } catch (err) {
        last = err;
        if (attempt < this.options.attempts) await delay(this.options.retryDelayMs);
      }
    }
    // whatever went wrong (down, not JSON, wrong issuer), the metadata could not be had
    const failure = new SsoFailure(
      'provider-unreachable',
      `discovery of ${this.provider.issuer}: ${describeError(last)}`,
    );
    this.logger.warn(
      { provider: this.provider.id, detail: failure.message },
      'OpenID Connect discovery failed',
    );
    throw failure;
  }

  private async discover(): Promise<OidcServer> {
    const config = await client.discovery(
      new URL(this.provider.issuer),
      this.provider.clientId,
      { client_secret: this.provider.clientSecret },
      client.ClientSecretPost(this.provider.clientSecret),
      {
        execute: this.insecureAllowed ? [client.allowInsecureRequests] : [],
        timeout: this.options.timeoutSeconds,
      },
    );
    const jwksUri = config.serverMetadata().jwks_uri;
    if (!jwksUri) throw new TypeError('the provider publishes no jwks_uri');
    const jwks = new URL(jwksUri);
    if (jwks.protocol !== 'https:' && !(this.insecureAllowed && isLoopback(jwks))) {
      throw new TypeError('the provider publishes its keys over plain http');
    }
    // An ID token only ever comes from the token endpoint of this provider, so an unknown `kid`
    // cannot be forced by an attacker: refetch the key set at once (jose's default waits 30 s,
    // openid-client's own check 60 s), which is what a key rotation at the provider needs.
    const keys = createRemoteJWKSet(jwks, {
      cooldownDuration: 0,
      timeoutDuration: this.options.timeoutSeconds * 1000,
    });
    return { config, keys };
  }
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
