import { jwtVerify } from 'jose';
import * as client from 'openid-client';
import type { OidcProviderConfig } from '../../../config/sso-config.js';
import type { UserRole } from '../../../users/user.entity.js';
import {
  SsoFailure,
  type ExternalIdentity,
  type SsoProviderAdapter,
  type SsoRoundTrip,
} from '../sso-provider.js';
import {
  amrFrom,
  authTimeFrom,
  emailVerified,
  groupsFrom,
  stringClaim,
  type OidcClaims,
} from './oidc-claims.js';
import { toSsoFailure } from './oidc-failures.js';
import { OidcDiscovery, type OidcDiscoveryOptions, type OidcServer } from './oidc-server.js';

/** A re-authentication's `auth_time` (whole seconds) may be this much older than the round trip. */
const AUTH_TIME_SKEW_MS = 10_000;
/** Clock difference tolerated on `exp`, `iat` and `nbf`, as openid-client does. */
const CLOCK_TOLERANCE_S = 30;

/**
 * OpenID Connect sign-in with openid-client: discovery by issuer, authorization code with PKCE
 * (S256), `state` and `nonce`. openid-client checks issuer, audience, expiry, nonce and state; the ID
 * token's signature is checked here against the provider's key set (jose), refetched when a token
 * names an unknown `kid`, because openid-client trusts the TLS channel of the token endpoint instead.
 * The Google preset (`kind: 'google'`) adds the hosted-domain (`hd`) restriction.
 */
export class OidcProviderAdapter implements SsoProviderAdapter {
  readonly id: string;
  readonly kind: 'oidc' | 'google';
  readonly displayName: string;
  private readonly discovery: OidcDiscovery;
  private readonly adminGroups: Set<string>;
  private readonly userGroups: Set<string>;

  constructor(
    private readonly provider: OidcProviderConfig,
    discoveryOptions: Partial<OidcDiscoveryOptions> = {},
  ) {
    this.id = provider.id;
    this.kind = provider.kind;
    this.displayName = provider.displayName;
    this.discovery = new OidcDiscovery(provider, discoveryOptions);
    this.adminGroups = new Set(provider.adminGroups);
    this.userGroups = new Set(provider.userGroups);
  }

  async authorizationUrl(trip: SsoRoundTrip): Promise<URL> {
    const { config } = await this.discovery.server();
    const params: Record<string, string> = {
      redirect_uri: trip.redirectUri,
      scope: this.scopes().join(' '),
      state: trip.secrets.state,
      nonce: trip.secrets.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(trip.secrets.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (trip.reauthenticate) Object.assign(params, { prompt: 'login', max_age: '0' });
    if (this.provider.hostedDomain) params.hd = this.provider.hostedDomain;
    return client.buildAuthorizationUrl(config, params);
  }

  async complete(callbackUrl: URL, trip: SsoRoundTrip): Promise<ExternalIdentity> {
    const server = await this.discovery.server();
    // the redirect URI sent to the token endpoint is the registered one, whatever path a proxy used
    const current = new URL(trip.redirectUri);
    current.search = callbackUrl.search;
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      tokens = await client.authorizationCodeGrant(server.config, current, {
        pkceCodeVerifier: trip.secrets.codeVerifier,
        expectedState: trip.secrets.state,
        expectedNonce: trip.secrets.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw toSsoFailure(err, 'code exchange');
    }
    const idToken = tokens.id_token;
    const idClaims = tokens.claims();
    if (!idToken || !idClaims) throw new SsoFailure('invalid-response', 'no ID token');
    await this.verifySignature(server, idToken);
    if (trip.reauthenticate) checkReauthentication(authTimeFrom(idClaims), trip.startedAt);
    const claims = await this.withUserinfo(server, idClaims, tokens.access_token);
    if (this.provider.hostedDomain && claims.hd !== this.provider.hostedDomain) {
      throw new SsoFailure('domain-not-allowed', `subject ${idClaims.sub} is not in the hosted domain`);
    }
    return {
      provider: this.id,
      subject: idClaims.sub,
      email: stringClaim(claims, 'email'),
      emailVerified: emailVerified(claims),
      preferredUsername: stringClaim(claims, 'preferred_username'),
      groups: groupsFrom(claims, this.provider.groupsClaim),
      authTime: authTimeFrom(idClaims),
      amr: amrFrom(idClaims),
      idToken,
    };
  }

  async logoutUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | null> {
    const { config } = await this.discovery.server();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }

  mapRole(identity: ExternalIdentity): UserRole | 'refused' | null {
    if (!this.mappingOn()) return null;
    const groups = identity.groups ?? [];
    if (groups.some((g) => this.adminGroups.has(g))) return 'admin';
    if (groups.some((g) => this.userGroups.has(g))) return 'user';
    return 'refused';
  }

  private mappingOn(): boolean {
    return this.adminGroups.size > 0 || this.userGroups.size > 0;
  }

  private scopes(): string[] {
    const scopes = this.provider.scopes.length > 0 ? this.provider.scopes : ['openid', 'email', 'profile'];
    return scopes.includes('openid') ? scopes : ['openid', ...scopes];
  }

  private async verifySignature(server: OidcServer, idToken: string): Promise<void> {
    const metadata = server.config.serverMetadata();
    const algorithms = (metadata.id_token_signing_alg_values_supported ?? ['RS256']).filter(
      (alg) => alg !== 'none' && !alg.startsWith('HS'),
    );
    try {
      await jwtVerify(idToken, server.keys, {
        issuer: metadata.issuer,
        audience: this.provider.clientId,
        algorithms,
        clockTolerance: CLOCK_TOLERANCE_S,
      });
    } catch (err) {
      throw toSsoFailure(err, 'ID token signature');
    }
  }

  /**
   * Providers that follow the spec to the letter put profile claims (e-mail, groups) in userinfo
   * rather than in the ID token when an access token is issued: ask userinfo when one that is needed
   * is missing (groups only matter when role mapping is on).
   */
  private async withUserinfo(
    server: OidcServer,
    idClaims: client.IDToken,
    accessToken: string,
  ): Promise<OidcClaims> {
    const missing =
      !('email' in idClaims) ||
      (this.mappingOn() && groupsFrom(idClaims, this.provider.groupsClaim) === null);
    if (!missing || !server.config.serverMetadata().userinfo_endpoint) return idClaims;
    try {
      const info = await client.fetchUserInfo(server.config, accessToken, idClaims.sub);
      return { ...info, ...idClaims };
    } catch (err) {
      throw toSsoFailure(err, 'userinfo');
    }
  }
}

/** Step-up: the provider must have authenticated the user during this round trip (`max_age=0`). */
function checkReauthentication(authTime: number | null, startedAt: number): void {
  if (authTime === null || authTime * 1000 < startedAt - AUTH_TIME_SKEW_MS) {
    throw new SsoFailure('reauthentication-required', 'auth_time is older than the round trip');
  }
}
