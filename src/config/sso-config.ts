import type { Env } from './config.schema.js';

/** An OpenID Connect provider found by discovery at `issuer` (the generic one, or the Google preset). */
export interface OidcProviderConfig {
  id: string;
  kind: 'oidc' | 'google';
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** The ID-token/userinfo claim that lists the user's groups. */
  groupsClaim: string;
  /** Role mapping is on when either list is non-empty: an identity in neither group list is refused. */
  adminGroups: string[];
  userGroups: string[];
  /** Google: only accounts of this Workspace domain (`hd` claim); null for any. */
  hostedDomain: string | null;
}

/** GitHub OAuth app; `webUrl`/`apiUrl` point at github.com unless a test (or GHES) changes them. */
export interface GithubProviderConfig {
  id: 'github';
  kind: 'github';
  displayName: string;
  clientId: string;
  clientSecret: string;
  /** Only members of one of these organisations may sign in; empty for any. */
  orgs: string[];
  /** Role mapping from `org/team` slugs, like the OIDC groups. */
  adminTeams: string[];
  userTeams: string[];
  webUrl: string;
  apiUrl: string;
}

export interface SsoConfig {
  oidc: OidcProviderConfig[];
  github: GithubProviderConfig | null;
}

/** Comma- or space-separated list, trimmed, empties dropped. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((v) => v !== '');
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * The providers the environment configures. A provider is on when its client id is set; a client id
 * without its secret (or the generic one without an issuer) is a configuration error at boot.
 */
export function parseSsoConfig(e: Env): SsoConfig {
  const problems: string[] = [];
  const oidc: OidcProviderConfig[] = [];
  if (e.HIVEWATCH_OIDC_CLIENT_ID) {
    if (!e.HIVEWATCH_OIDC_ISSUER)
      problems.push('HIVEWATCH_OIDC_ISSUER: required with HIVEWATCH_OIDC_CLIENT_ID');
    if (!e.HIVEWATCH_OIDC_CLIENT_SECRET)
      problems.push('HIVEWATCH_OIDC_CLIENT_SECRET: required with HIVEWATCH_OIDC_CLIENT_ID');
    oidc.push({
      id: e.HIVEWATCH_OIDC_ID,
      kind: 'oidc',
      displayName: e.HIVEWATCH_OIDC_NAME,
      issuer: trimSlash(e.HIVEWATCH_OIDC_ISSUER ?? ''),
      clientId: e.HIVEWATCH_OIDC_CLIENT_ID,
      clientSecret: e.HIVEWATCH_OIDC_CLIENT_SECRET ?? '',
      scopes: parseList(e.HIVEWATCH_OIDC_SCOPES),
      groupsClaim: e.HIVEWATCH_OIDC_GROUPS_CLAIM,
      adminGroups: parseList(e.HIVEWATCH_OIDC_ADMIN_GROUPS),
      userGroups: parseList(e.HIVEWATCH_OIDC_USER_GROUPS),
      hostedDomain: null,
    });
  }
  if (e.HIVEWATCH_GOOGLE_CLIENT_ID) {
    if (!e.HIVEWATCH_GOOGLE_CLIENT_SECRET)
      problems.push('HIVEWATCH_GOOGLE_CLIENT_SECRET: required with HIVEWATCH_GOOGLE_CLIENT_ID');
    oidc.push({
      id: 'google',
      kind: 'google',
      displayName: 'Google',
      issuer: trimSlash(e.HIVEWATCH_GOOGLE_ISSUER),
      clientId: e.HIVEWATCH_GOOGLE_CLIENT_ID,
      clientSecret: e.HIVEWATCH_GOOGLE_CLIENT_SECRET ?? '',
      scopes: ['openid', 'email', 'profile'],
      groupsClaim: 'groups',
      adminGroups: [],
      userGroups: [],
      hostedDomain: e.HIVEWATCH_GOOGLE_HOSTED_DOMAIN || null,
    });
  }
  let github: GithubProviderConfig | null = null;
  if (e.HIVEWATCH_GITHUB_CLIENT_ID) {
    if (!e.HIVEWATCH_GITHUB_CLIENT_SECRET)
      problems.push('HIVEWATCH_GITHUB_CLIENT_SECRET: required with HIVEWATCH_GITHUB_CLIENT_ID');
    github = {
      id: 'github',
      kind: 'github',
      displayName: 'GitHub',
      clientId: e.HIVEWATCH_GITHUB_CLIENT_ID,
      clientSecret: e.HIVEWATCH_GITHUB_CLIENT_SECRET ?? '',
      orgs: parseList(e.HIVEWATCH_GITHUB_ORGS),
      adminTeams: parseList(e.HIVEWATCH_GITHUB_ADMIN_TEAMS),
      userTeams: parseList(e.HIVEWATCH_GITHUB_USER_TEAMS),
      webUrl: trimSlash(e.HIVEWATCH_GITHUB_WEB_URL),
      apiUrl: trimSlash(e.HIVEWATCH_GITHUB_API_URL),
    };
  }
  if ((oidc.length > 0 || github) && !e.HIVEWATCH_PUBLIC_URL)
    problems.push(
      'HIVEWATCH_PUBLIC_URL: required when a sign-in provider is configured (the callback URL registered at the provider is built from it, never from request headers)',
    );
  if (problems.length > 0) throw new SsoConfigError(problems);
  return { oidc, github };
}

/** Thrown at boot: AppConfig's loader reports it like any other invalid key. */
export class SsoConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SsoConfigError';
  }
}
