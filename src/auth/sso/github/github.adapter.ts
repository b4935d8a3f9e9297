import { createHash } from 'node:crypto';
import type { GithubProviderConfig } from '../../../config/sso-config.js';
import type { UserRole } from '../../../users/user.entity.js';
import {
  SsoFailure,
  type ExternalIdentity,
  type SsoProviderAdapter,
  type SsoRoundTrip,
} from '../sso-provider.js';
import {
  GithubApi,
  githubEmailsSchema,
  githubOrgsSchema,
  githubTeamsSchema,
  githubUserSchema,
} from './github-api.js';

/**
 * GitHub OAuth app sign-in: authorization code with PKCE (S256, supported by GitHub since July
 * 2025) and `state`, then the REST API for who the user is. Plain OAuth2 with fetch rather than
 * passport-github2: docs/security.md ("GitHub") gives the measured reasons. GitHub issues no ID
 * token and no `auth_time`, so it offers neither RP-initiated logout nor step-up re-authentication.
 */
export class GithubAdapter implements SsoProviderAdapter {
  readonly id: string;
  readonly kind = 'github' as const;
  readonly displayName: string;
  private readonly api: GithubApi;
  private readonly orgs: Set<string>;
  private readonly adminTeams: Set<string>;
  private readonly userTeams: Set<string>;

  constructor(private readonly config: GithubProviderConfig) {
    this.id = config.id;
    this.displayName = config.displayName;
    this.api = new GithubApi(config.webUrl, config.apiUrl);
    this.orgs = lowerSet(config.orgs);
    this.adminTeams = lowerSet(config.adminTeams);
    this.userTeams = lowerSet(config.userTeams);
  }

  authorizationUrl(trip: SsoRoundTrip): Promise<URL> {
    const url = new URL(`${this.config.webUrl}/login/oauth/authorize`);
    const scopes = ['read:user', 'user:email', ...(this.needsOrgScope() ? ['read:org'] : [])];
    url.search = new URLSearchParams({
      client_id: this.config.clientId,
      redirect_uri: trip.redirectUri,
      scope: scopes.join(' '),
      state: trip.secrets.state,
      code_challenge: createHash('sha256').update(trip.secrets.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      allow_signup: 'false',
      ...(trip.reauthenticate && { prompt: 'select_account' }),
    }).toString();
    return Promise.resolve(url);
  }

  async complete(callbackUrl: URL, trip: SsoRoundTrip): Promise<ExternalIdentity> {
    const q = callbackUrl.searchParams;
    if (q.get('error')) throw new SsoFailure('refused', `provider error ${q.get('error')}`);
    if (q.get('state') !== trip.secrets.state) throw new SsoFailure('invalid-response', 'state mismatch');
    const code = q.get('code');
    if (!code) throw new SsoFailure('invalid-response', 'no code');
    const token = await this.api.exchangeCode({
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      code,
      redirect_uri: trip.redirectUri,
      code_verifier: trip.secrets.codeVerifier,
    });
    const user = await this.api.get('/user', token, githubUserSchema);
    const emails = await this.api.get('/user/emails', token, githubEmailsSchema);
    const primary = emails.find((e) => e.primary) ?? null;
    if (this.orgs.size > 0) {
      const memberOf = await this.api.list('/user/orgs', token, githubOrgsSchema);
      if (!memberOf.some((o) => this.orgs.has(o.login.toLowerCase()))) {
        throw new SsoFailure('org-not-allowed', `user ${user.id}`);
      }
    }
    const groups = this.mappingOn()
      ? (await this.api.list('/user/teams', token, githubTeamsSchema)).map((t) =>
          `${t.organization.login}/${t.slug}`.toLowerCase(),
        )
      : null;
    return {
      provider: this.id,
      subject: String(user.id),
      // only the primary address counts, and only GitHub's `verified` makes it vouched for
      email: primary?.email ?? null,
      emailVerified: primary?.verified === true,
      preferredUsername: user.login,
      groups,
      authTime: null,
      amr: [],
      idToken: null,
    };
  }

  logoutUrl(): Promise<URL | null> {
    return Promise.resolve(null);
  }

  mapRole(identity: ExternalIdentity): UserRole | 'refused' | null {
    if (!this.mappingOn()) return null;
    const groups = identity.groups ?? [];
    if (groups.some((g) => this.adminTeams.has(g))) return 'admin';
    if (groups.some((g) => this.userTeams.has(g))) return 'user';
    return 'refused';
  }

  private mappingOn(): boolean {
    return this.adminTeams.size > 0 || this.userTeams.size > 0;
  }

  private needsOrgScope(): boolean {
    return this.orgs.size > 0 || this.mappingOn();
  }
}

function lowerSet(values: string[]): Set<string> {
  return new Set(values.map((v) => v.toLowerCase()));
}
