import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import * as client from 'openid-client';
import type { OidcProviderConfig } from '../../src/config/sso-config.js';
import { OidcProviderAdapter } from '../../src/auth/sso/oidc/oidc-provider.adapter.js';
import { SsoFailure, type SsoRoundTrip } from '../../src/auth/sso/sso-provider.js';
import { freePort } from '../support/hub-process.js';
import { throughProvider } from '../support/oidc-round-trip.js';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-test-provider.js';
import { TEST_PUBLIC_URL } from '../support/sso-round-trip.js';

/**
 * The OpenID Connect adapter on its own against the real provider (no hub): what it reports of an
 * identity, where the provider puts the claims (ID token or userinfo), its own state and PKCE
 * checks, and discovery while the provider is down and once it is back.
 */
const REDIRECT = `${TEST_PUBLIC_URL}/api/v1/auth/sso/corp/callback`;
const ALICE = {
  username: 'alice',
  password: 'alice-pw-1',
  email: 'alice@corp.example',
  emailVerified: true,
  groups: ['ops-admins', 'staff'],
};

function adapterFor(
  issuer: string,
  idp?: OidcTestProvider,
  extra: Partial<OidcProviderConfig> = {},
): OidcProviderAdapter {
  return new OidcProviderAdapter(
    {
      id: 'corp',
      kind: 'oidc',
      displayName: 'Corp',
      issuer,
      clientId: idp?.clientId ?? 'hub',
      clientSecret: idp?.clientSecret ?? 'secret',
      scopes: ['openid', 'email', 'profile', 'groups'],
      groupsClaim: 'groups',
      adminGroups: ['ops-admins'],
      userGroups: ['ops-users'],
      hostedDomain: null,
      ...extra,
    },
    { retryDelayMs: 50 },
  );
}

function newTrip(): SsoRoundTrip {
  return {
    redirectUri: REDIRECT,
    secrets: {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    },
    reauthenticate: false,
    startedAt: Date.now(),
  };
}

async function callbackFor(adapter: OidcProviderAdapter, trip: SsoRoundTrip): Promise<URL> {
  const path = await throughProvider(await adapter.authorizationUrl(trip), ALICE, new Map());
  return new URL(path, TEST_PUBLIC_URL);
}

async function failureOf(promise: Promise<unknown>): Promise<SsoFailure> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SsoFailure);
  return err as SsoFailure;
}

describe('OidcProviderAdapter against a real provider', () => {
  const started: OidcTestProvider[] = [];
  const start = async (options: { claimsInIdToken?: boolean; port?: number } = {}) => {
    const idp = await startOidcTestProvider({ redirectUris: [REDIRECT], accounts: [ALICE], ...options });
    started.push(idp);
    return idp;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((idp) => idp.close()));
  });
  afterAll(async () => {
    await Promise.all(started.map((idp) => idp.close()));
  });

  it.each([
    ['userinfo (the spec default with an access token)', false],
    ['the ID token', true],
  ])(
    'reports the identity with groups, e-mail, amr and auth_time when the claims are in %s',
    async (_where, claimsInIdToken) => {
      const idp = await start({ claimsInIdToken });
      const adapter = adapterFor(idp.issuer, idp);
      const trip = newTrip();
      const identity = await adapter.complete(await callbackFor(adapter, trip), trip);
      expect(identity).toMatchObject({
        provider: 'corp',
        subject: 'sub-alice',
        email: 'alice@corp.example',
        emailVerified: true,
        preferredUsername: 'alice',
        groups: ['ops-admins', 'staff'],
      });
      expect(identity.amr).toEqual(['pwd']);
      expect(identity.authTime).toBeGreaterThanOrEqual(Math.floor(trip.startedAt / 1000) - 1);
      expect(identity.idToken).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(adapter.mapRole(identity)).toBe('admin');
      expect(adapter.mapRole({ ...identity, groups: ['ops-users'] })).toBe('user');
      expect(adapter.mapRole({ ...identity, groups: ['ops-users', 'ops-admins'] })).toBe('admin');
      expect(adapter.mapRole({ ...identity, groups: null })).toBe('refused');
      expect(adapterFor(idp.issuer, idp, { adminGroups: [], userGroups: [] }).mapRole(identity)).toBeNull();
    },
  );

  it('refuses a callback with another state, and a code redeemed with another PKCE verifier', async () => {
    const idp = await start();
    const adapter = adapterFor(idp.issuer, idp);
    const trip = newTrip();
    const back = await callbackFor(adapter, trip);
    const otherState = { ...trip, secrets: { ...trip.secrets, state: client.randomState() } };
    expect((await failureOf(adapter.complete(back, otherState))).code).toBe('invalid-response');
    const otherVerifier = {
      ...trip,
      secrets: { ...trip.secrets, codeVerifier: client.randomPKCECodeVerifier() },
    };
    const refused = await failureOf(adapter.complete(back, otherVerifier));
    expect(refused.code).toBe('invalid-response');
    expect(refused.message).toContain('invalid_grant');
    expect(refused.message).not.toContain(back.searchParams.get('code')!);
  });

  it('maps a provider error in the callback (the user cancelled) to refused', async () => {
    const idp = await start();
    const adapter = adapterFor(idp.issuer, idp);
    const trip = newTrip();
    const back = new URL(REDIRECT);
    back.search = new URLSearchParams({
      error: 'access_denied',
      state: trip.secrets.state,
      iss: idp.issuer,
    }).toString();
    expect((await failureOf(adapter.complete(back, trip))).code).toBe('refused');
  });

  it('is provider-unreachable while the provider is down, and works once it is back (failures are not cached)', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const adapter = adapterFor(issuer);
    const down = await failureOf(adapter.authorizationUrl(newTrip()));
    expect(down.code).toBe('provider-unreachable');
    const idp = await start({ port });
    const live = adapterFor(issuer, idp);
    expect((await live.authorizationUrl(newTrip())).origin).toBe(issuer);
    // the first adapter (same config object shape) recovers too, because its failure was not cached
    expect((await adapter.authorizationUrl(newTrip())).origin).toBe(issuer);
  });

  it('offers no RP-initiated logout when the provider has none, and a logout URL when it does', async () => {
    const idp = await start();
    const url = await adapterFor(idp.issuer, idp).logoutUrl('eyJ.hint.x', `${TEST_PUBLIC_URL}/sign-in`);
    expect(url?.origin).toBe(idp.issuer);
    expect(url?.searchParams.get('client_id')).toBe(idp.clientId);
  });
});
