import type { SsoError, SsoProviderKind } from '@hivewatch/protocol';
import type { UserRole } from '../../users/user.entity.js';

/** What a provider vouched for, after every check of its answer passed. */
export interface ExternalIdentity {
  /** The configured provider id. */
  provider: string;
  /** The provider's stable user id (OIDC `sub`, GitHub's numeric id): never the e-mail. */
  subject: string;
  email: string | null;
  /** Only true when the provider says so (OIDC `email_verified`, GitHub's verified primary e-mail). */
  emailVerified: boolean;
  /** A name to suggest for a new local account (`preferred_username`, GitHub login). */
  preferredUsername: string | null;
  /** Groups (OIDC groups claim) or `org/team` slugs (GitHub); null when the provider gives none. */
  groups: string[] | null;
  /** When the provider authenticated the user (OIDC `auth_time`, epoch seconds); null when unknown. */
  authTime: number | null;
  /** Authentication methods the provider reports (OIDC `amr`), e.g. `["pwd","otp"]`. */
  amr: string[];
  /** The raw ID token, kept sealed on the session for RP-initiated logout; null for OAuth2-only providers. */
  idToken: string | null;
}

/** The per-round-trip secrets: `state` travels in the URL by design; nonce and verifier stay on the hub. */
export interface SsoFlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SsoRoundTrip {
  /** `HIVEWATCH_PUBLIC_URL` + `/api/v1/auth/sso/{id}/callback`: never built from request headers. */
  redirectUri: string;
  secrets: SsoFlowSecrets;
  /** Step-up: force a fresh login at the provider (`prompt=login`, `max_age=0`) and check `auth_time`. */
  reauthenticate: boolean;
  /** When the round trip started (epoch ms): a re-authentication's `auth_time` must not be older. */
  startedAt: number;
}

/**
 * One configured sign-in provider. The orchestration (src/auth/sso) stores the round trip, then asks
 * the adapter for the provider URL and, on the callback, for the verified identity.
 */
export interface SsoProviderAdapter {
  readonly id: string;
  readonly kind: SsoProviderKind;
  readonly displayName: string;
  /** Where to send the browser (PKCE S256, state and, for OIDC, nonce). */
  authorizationUrl(trip: SsoRoundTrip): Promise<URL>;
  /** Exchanges the callback's code and checks everything; throws SsoFailure. */
  complete(callbackUrl: URL, trip: SsoRoundTrip): Promise<ExternalIdentity>;
  /** The provider's RP-initiated logout URL for this ID token, or null when it offers none. */
  logoutUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | null>;
  /**
   * Role from the identity's groups: `null` when mapping is off for this provider (keep the local
   * user's role; `user` for a new account), `'refused'` when mapping is on and no group matches.
   */
  mapRole(identity: ExternalIdentity): UserRole | 'refused' | null;
}

/** A round trip that failed; `code` is what the sign-in page shows. Never carries secrets. */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoError,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'SsoFailure';
  }
}
