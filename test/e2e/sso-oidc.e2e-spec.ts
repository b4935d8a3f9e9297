import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { logoutResultSchema, signInOptionsSchema } from '@hivewatch/protocol';
import request from 'supertest';
import { signIn } from '../support/http.js';
import { freePort } from '../support/hub-process.js';
import {
  startOidcTestProvider,
  type OidcTestAccount,
  type OidcTestProvider,
} from '../support/oidc-test-provider.js';
import { oidcRoundTrip, providerFetch, type ProviderLogin } from '../support/oidc-round-trip.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { TEST_PUBLIC_URL } from '../support/sso-round-trip.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * OpenID Connect sign-in through the real hub and a real provider (oidc-provider, in-process on
 * loopback): discovery, PKCE, groups → roles, registration, every ID-token check with a real
 * signature over wrong claims, key rotation, step-up re-authentication, RP-initiated logout, and
 * the Google preset's hosted domain.
 */
const ACCOUNTS: OidcTestAccount[] = [
  {
    username: 'alice',
    password: 'alice-pw-1',
    email: 'alice@corp.example',
    emailVerified: true,
    groups: ['ops-admins'],
  },
  {
    username: 'bob',
    password: 'bob-pw-1',
    email: 'bob@corp.example',
    emailVerified: true,
    groups: ['staff', 'ops-users'],
  },
  { username: 'carol', password: 'carol-pw-1', email: 'carol@corp.example', groups: ['contractors'] },
  {
    username: 'gina',
    password: 'gina-pw-1',
    email: 'gina@example.com',
    emailVerified: true,
    hd: 'example.com',
  },
  {
    username: 'olga',
    password: 'olga-pw-1',
    email: 'olga@other.example',
    emailVerified: true,
    hd: 'other.example',
  },
];
const login = (username: string): ProviderLogin => {
  const account = ACCOUNTS.find((a) => a.username === username)!;
  return { username, password: account.password };
};
const callback = (id: string) => `${TEST_PUBLIC_URL}/api/v1/auth/sso/${id}/callback`;

function oidcEnv(idp: OidcTestProvider): Record<string, string> {
  return {
    HIVEWATCH_PUBLIC_URL: TEST_PUBLIC_URL,
    HIVEWATCH_OIDC_ID: 'corp',
    HIVEWATCH_OIDC_NAME: 'Corp SSO',
    HIVEWATCH_OIDC_ISSUER: idp.issuer,
    HIVEWATCH_OIDC_CLIENT_ID: idp.clientId,
    HIVEWATCH_OIDC_CLIENT_SECRET: idp.clientSecret,
    HIVEWATCH_OIDC_SCOPES: 'openid email profile groups',
    HIVEWATCH_OIDC_ADMIN_GROUPS: 'ops-admins',
    HIVEWATCH_OIDC_USER_GROUPS: 'ops-users',
    HIVEWATCH_GOOGLE_CLIENT_ID: idp.clientId,
    HIVEWATCH_GOOGLE_CLIENT_SECRET: idp.clientSecret,
    HIVEWATCH_GOOGLE_ISSUER: idp.issuer,
    HIVEWATCH_GOOGLE_HOSTED_DOMAIN: 'example.com',
  };
}

const me = (hub: TestApp, cookie: string | undefined) =>
  request(hub.url)
    .get('/api/v1/auth/me')
    .set('Cookie', cookie ?? '');

describe('OpenID Connect sign-in against a real provider', () => {
  let idp: OidcTestProvider;
  let hub: TestApp;
  let admin: string;

  beforeAll(async () => {
    idp = await startOidcTestProvider({
      redirectUris: [callback('corp'), callback('google')],
      postLogoutRedirectUris: [`${TEST_PUBLIC_URL}/sign-in`],
      accounts: ACCOUNTS,
    });
    hub = await startTestApp(oidcEnv(idp));
    admin = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
    await idp.close();
  });

  const allowRegistration = async () => {
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', admin)
      .send({ password: 'test-admin-password-0001' })
      .expect(200);
    await request(hub.url)
      .put('/api/v1/settings/auth')
      .set('Cookie', admin)
      .send({ allowRegistration: true })
      .expect(200);
  };

  it('offers the provider and sends the browser to it with PKCE S256, state, nonce and the public redirect URI', async () => {
    const options = signInOptionsSchema.parse(
      (await request(hub.url).get('/api/v1/auth/providers').expect(200)).body,
    );
    expect(options.providers).toEqual(
      expect.arrayContaining([
        { id: 'corp', kind: 'oidc', displayName: 'Corp SSO' },
        { id: 'google', kind: 'google', displayName: 'Google' },
      ]),
    );
    const trip = await oidcRoundTrip(hub, 'corp', login('alice'));
    const q = trip.authorizeUrl.searchParams;
    expect(trip.authorizeUrl.origin).toBe(idp.issuer);
    expect(q.get('redirect_uri')).toBe(callback('corp'));
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')).toBe('openid email profile groups');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('prompt')).toBeNull();
    expect(trip.authorizeUrl.href).not.toContain(idp.clientSecret);
    // registration is off by default: the identity checked out, but nobody owns it
    expect(trip.location).toBe('/sign-in?error=not-registered');
    expect(trip.cookies.has('hw_session')).toBe(false);
  });

  it('maps groups to roles: the admin group makes an admin, the user group a user, no mapped group is refused', async () => {
    await allowRegistration();
    const alice = await oidcRoundTrip(hub, 'corp', login('alice'), { query: { returnTo: '/servers' } });
    expect(alice.location).toBe('/servers');
    expect((await me(hub, alice.cookies.get('hw_session')).expect(200)).body.user).toMatchObject({
      username: 'alice',
      role: 'admin',
    });
    const bob = await oidcRoundTrip(hub, 'corp', login('bob'));
    expect((await me(hub, bob.cookies.get('hw_session')).expect(200)).body.user).toMatchObject({
      username: 'bob',
      role: 'user',
    });
    const carol = await oidcRoundTrip(hub, 'corp', login('carol'));
    expect(carol.location).toBe('/sign-in?error=group-not-allowed');
    expect(carol.cookies.has('hw_session')).toBe(false);
  });

  it.each([
    ['another audience', (c: Record<string, unknown>) => ({ ...c, aud: 'some-other-client' })],
    ['a wrong nonce', (c: Record<string, unknown>) => ({ ...c, nonce: 'not-the-nonce-of-this-round-trip' })],
    ['an expired token', (c: Record<string, unknown>) => ({ ...c, iat: now() - 7200, exp: now() - 3600 })],
    ['another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://evil.example' })],
  ])('refuses an ID token with %s (signed with the provider key)', async (_name, edit) => {
    await idp.tamperNextIdToken(edit);
    const before = idp.issuedKids.length;
    const trip = await oidcRoundTrip(hub, 'corp', login('alice'));
    expect(idp.issuedKids.length).toBe(before + 1);
    expect(trip.location).toBe('/sign-in?error=invalid-response');
    expect(trip.cookies.has('hw_session')).toBe(false);
  });

  it('refuses an ID token with the right claims signed by a key the provider never published', async () => {
    await idp.tamperNextIdToken((c) => c, true);
    const trip = await oidcRoundTrip(hub, 'corp', login('alice'));
    expect(trip.location).toBe('/sign-in?error=invalid-response');
    expect(trip.cookies.has('hw_session')).toBe(false);
  });

  it('refuses a callback whose state is not the round trip’s', async () => {
    const start = await fetch(`${hub.url}/api/v1/auth/sso/corp/start`, { redirect: 'manual' });
    const flowCookie = start.headers
      .getSetCookie()
      .find((c) => c.startsWith('hw_sso='))!
      .split(';')[0]!;
    const res = await fetch(`${hub.url}/api/v1/auth/sso/corp/callback?code=abc&state=forged-state-value`, {
      redirect: 'manual',
      headers: { cookie: flowCookie },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/sign-in\?error=(expired|invalid-response)$/);
    expect(
      res.headers.getSetCookie().some((c) => c.startsWith('hw_session=') && !c.startsWith('hw_session=;')),
    ).toBe(false);
  });

  it('still signs in after the provider rotates its signing key (new kid, key set refetched)', async () => {
    const first = await oidcRoundTrip(hub, 'corp', login('bob'));
    expect(first.cookies.has('hw_session')).toBe(true);
    const newKid = await idp.rotateKeys();
    const after = await oidcRoundTrip(hub, 'corp', login('bob'));
    expect(idp.issuedKids.at(-1)).toBe(newKid);
    expect(idp.issuedKids.at(-2)).not.toBe(newKid);
    expect(after.location).toBe('/');
    expect((await me(hub, after.cookies.get('hw_session')).expect(200)).body.user.username).toBe('bob');
  });

  it('steps up by re-authenticating at the provider (prompt=login, max_age=0, fresh auth_time); a stale auth_time is refused', async () => {
    const providerCookies = new Map<string, string>();
    const signedIn = await oidcRoundTrip(hub, 'corp', login('alice'), { providerCookies });
    const session = signedIn.cookies.get('hw_session')!;
    // a sign-in is itself a fresh proof: let it age past the step-up window
    await ageStepUpProofs(hub);
    const settings = () =>
      request(hub.url).put('/api/v1/settings/auth').set('Cookie', session).send({ allowRegistration: true });
    expect((await settings().expect(401)).body.reason).toBe('step_up_required');

    // the provider still has alice's session, but max_age=0 makes it ask for the password again
    const logins = idp.logins;
    const stale = now() - 3600;
    await idp.tamperNextIdToken((c) => ({ ...c, auth_time: stale }));
    const refused = await oidcRoundTrip(hub, 'corp', login('alice'), {
      query: { purpose: 'step-up', returnTo: '/servers' },
      sessionCookie: session,
      providerCookies,
    });
    expect(refused.authorizeUrl.searchParams.get('prompt')).toBe('login');
    expect(refused.authorizeUrl.searchParams.get('max_age')).toBe('0');
    expect(idp.logins).toBe(logins + 1);
    expect(refused.location).toBe('/servers?ssoError=reauthentication-required');
    await settings().expect(401);

    const fresh = await oidcRoundTrip(hub, 'corp', login('alice'), {
      query: { purpose: 'step-up', returnTo: '/servers' },
      sessionCookie: session,
      providerCookies,
    });
    expect(idp.logins).toBe(logins + 2);
    expect(fresh.location).toBe('/servers');
    await settings().expect(200);
  });

  it('signs out at the provider too (RP-initiated logout with the ID token as hint)', async () => {
    const providerCookies = new Map<string, string>();
    const trip = await oidcRoundTrip(hub, 'corp', login('bob'), { providerCookies });
    const res = await request(hub.url)
      .post('/api/v1/auth/logout')
      .set('Cookie', trip.cookies.get('hw_session')!)
      .expect(200);
    const logoutUrl = new URL(logoutResultSchema.parse(res.body).providerLogoutUrl);
    expect(logoutUrl.origin).toBe(idp.issuer);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${TEST_PUBLIC_URL}/sign-in`);
    expect(logoutUrl.searchParams.get('id_token_hint')).toMatch(/^ey/);
    // the real provider accepts the hint, asks to confirm, then ends its session and sends the browser back
    const atProvider = await providerFetch(logoutUrl, providerCookies);
    const page = await atProvider.text();
    expect(atProvider.status).toBe(200);
    expect(page).toContain('Do you want to sign-out');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const confirmed = await providerFetch(
      new URL('/session/end/confirm', idp.issuer),
      providerCookies,
      new URLSearchParams({ xsrf, logout: 'yes' }),
    );
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${TEST_PUBLIC_URL}/sign-in`);
    await me(hub, trip.cookies.get('hw_session')).expect(401);
  });

  it('Google preset: asks for the hosted domain and refuses accounts of another domain', async () => {
    const gina = await oidcRoundTrip(hub, 'google', login('gina'));
    expect(gina.authorizeUrl.searchParams.get('hd')).toBe('example.com');
    expect(gina.location).toBe('/');
    expect((await me(hub, gina.cookies.get('hw_session')).expect(200)).body.user.role).toBe('user');
    const olga = await oidcRoundTrip(hub, 'google', login('olga'));
    expect(olga.location).toBe('/sign-in?error=domain-not-allowed');
    expect(olga.cookies.has('hw_session')).toBe(false);
  });
});

function now(): number {
  return Math.floor(Date.now() / 1000);
}

describe('OpenID Connect provider down at boot', () => {
  let hub: TestApp;
  let idp: OidcTestProvider | undefined;
  afterAll(async () => {
    await hub.close();
    await idp?.close();
  });

  it('boots without the provider, answers provider-unreachable, and signs in once the provider is up', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    hub = await startTestApp({
      HIVEWATCH_PUBLIC_URL: TEST_PUBLIC_URL,
      HIVEWATCH_OIDC_ID: 'corp',
      HIVEWATCH_OIDC_ISSUER: issuer,
      HIVEWATCH_OIDC_CLIENT_ID: 'hivewatch-hub',
      HIVEWATCH_OIDC_CLIENT_SECRET: 'client-secret-of-the-hub',
    });
    const down = await oidcRoundTrip(hub, 'corp', login('alice'));
    expect(down.location).toBe('/sign-in?error=provider-unreachable');

    idp = await startOidcTestProvider({
      redirectUris: [callback('corp')],
      accounts: ACCOUNTS,
      port,
      clientSecret: 'client-secret-of-the-hub',
    });
    // discovery is tried again (a failure is not cached): the round trip reaches the provider and back
    const up = await oidcRoundTrip(hub, 'corp', login('alice'));
    expect(up.authorizeUrl.origin).toBe(issuer);
    expect(up.location).toBe('/sign-in?error=not-registered');
  });
});
