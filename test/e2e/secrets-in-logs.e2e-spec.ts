import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startGithubStandIn, type GithubStandIn } from '../support/github-stand-in.js';
import { createApiKey, signIn } from '../support/http.js';
import { oidcRoundTrip } from '../support/oidc-round-trip.js';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-test-provider.js';
import { beginSso, finishSso, TEST_PUBLIC_URL } from '../support/sso-round-trip.js';
import { totpCode } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * Drives every flow that carries a secret with the most verbose logging, then searches everything
 * the hub logged for each secret: none may appear, in a message, a field or a request path.
 */
describe('no secret reaches the logs', () => {
  let hub: TestApp;
  let github: GithubStandIn;
  let idp: OidcTestProvider;
  const githubClient = { id: 'logs-client-id', secret: 'gh-client-secret-Lq29vN7c' };
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-log-')), 'hub.log');
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    github = await startGithubStandIn(githubClient);
    github.accounts.set('octocat', {
      id: 77,
      login: 'octocat',
      emails: [{ email: 'octocat@example.com', primary: true, verified: true }],
      orgs: [],
      teams: [],
    });
    idp = await startOidcTestProvider({
      redirectUris: [`${TEST_PUBLIC_URL}/api/v1/auth/sso/corp/callback`],
      accounts: [{ username: 'carol', password: 'carol-idp-password-1', email: 'carol@example.com' }],
    });
    hub = await startTestApp({
      HIVEWATCH_OIDC_ID: 'corp',
      HIVEWATCH_OIDC_ISSUER: idp.issuer,
      HIVEWATCH_OIDC_CLIENT_ID: idp.clientId,
      HIVEWATCH_OIDC_CLIENT_SECRET: idp.clientSecret,
      HIVEWATCH_LOG_LEVEL: 'trace',
      HIVEWATCH_LOG_FILE: logFile,
      HIVEWATCH_PUBLIC_URL: TEST_PUBLIC_URL,
      HIVEWATCH_GITHUB_CLIENT_ID: githubClient.id,
      HIVEWATCH_GITHUB_CLIENT_SECRET: githubClient.secret,
      HIVEWATCH_GITHUB_WEB_URL: github.url,
      HIVEWATCH_GITHUB_API_URL: github.url,
    });
  });
  afterAll(async () => {
    await hub.close();
    await github.close();
    await idp.close();
    fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
  });

  it('logs requests but none of the secrets they carried', async () => {
    secrets.adminPassword = TEST_ADMIN.password;
    const wrong = 'wrong-password-Zq81xK';
    secrets.wrongPassword = wrong;
    await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: wrong })
      .expect(401);

    const cookie = await signIn(hub);
    secrets.sessionCookie = cookie.split('=')[1]!;

    const key = await createApiKey(hub, cookie, 'admin');
    secrets.apiKey = key;
    await request(hub.url).get('/api/v1/servers').set('Authorization', `Bearer ${key}`).expect(200);

    const token = await request(hub.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(201);
    secrets.accessToken = token.body.accessToken as string;
    await request(hub.url)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${secrets.accessToken}`)
      .expect(200);

    const server = await request(hub.url)
      .post('/api/v1/servers')
      .set('Cookie', cookie)
      .send({ name: 'web-1' });
    expect(server.status).toBe(201);
    secrets.agentToken = server.body.token as string;
    const rotated = await request(hub.url)
      .post(`/api/v1/servers/${server.body.server.id as string}/token`)
      .set('Cookie', cookie);
    expect(rotated.status).toBeLessThan(300);
    secrets.rotatedAgentToken = rotated.body.token as string;

    const enrollment = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'fleet' })
      .expect(201);
    secrets.enrollmentKey = enrollment.body.key as string;

    // TOTP: the secret, a code, the recovery codes, a sign-in challenge (second-factor.ts)
    const totp = await request(hub.url)
      .post('/api/v1/auth/second-factor/totp')
      .set('Cookie', cookie)
      .expect(201);
    secrets.totpSecret = totp.body.secret as string;
    secrets.otpauthUrl = totp.body.otpauthUrl as string;
    const confirmed = await request(hub.url)
      .post('/api/v1/auth/second-factor/totp/confirm')
      .set('Cookie', cookie)
      .send({ code: totpCode(secrets.totpSecret) })
      .expect(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    secrets.recoveryCode = recoveryCodes[0]!;
    secrets.recoveryCodeAsTyped = recoveryCodes[0]!.replace(/-/g, '');
    const challenged = await request(hub.url).post('/api/v1/auth/login').send(TEST_ADMIN).expect(200);
    secrets.signInChallenge = challenged.body.challenge as string;
    await request(hub.url)
      .post('/api/v1/auth/login/second-factor')
      .send({ challenge: secrets.signInChallenge, recoveryCode: secrets.recoveryCode })
      .expect(200);
    secrets.unusedRecoveryCode = recoveryCodes[1]!;
    await request(hub.url)
      .post('/api/v1/auth/login/second-factor')
      .set('Cookie', `hw_challenge=${secrets.signInChallenge}`)
      .send({ recoveryCode: secrets.unusedRecoveryCode })
      .expect(401);

    // single sign-on: client secret, state, PKCE verifier, code, GitHub's access token, the flow cookie
    secrets.githubClientSecret = githubClient.secret;
    github.signInAs = 'octocat';
    const sso = await beginSso(hub, 'github', { purpose: 'link' }, cookie);
    const linked = await finishSso(hub, sso.callbackPath, [sso.flowCookie, cookie]);
    expect(linked.location).toBe('/');
    const callback = new URL(sso.callbackPath, 'http://x').searchParams;
    secrets.ssoState = callback.get('state')!;
    secrets.ssoCode = callback.get('code')!;
    secrets.ssoFlowCookie = sso.flowCookie.split('=')[1]!;
    secrets.pkceVerifier = github.tokenRequests.at(-1)!.get('code_verifier')!;
    secrets.githubAccessToken = github.issuedTokens.at(-1)!;

    // OpenID Connect: the client secret, and the provider's state and code of a link round trip
    secrets.oidcClientSecret = idp.clientSecret;
    const oidc = await oidcRoundTrip(
      hub,
      'corp',
      { username: 'carol', password: 'carol-idp-password-1' },
      { query: { purpose: 'link' }, sessionCookie: cookie },
    );
    expect(oidc.location).toBe('/');
    secrets.oidcState = oidc.authorizeUrl.searchParams.get('state')!;
    secrets.oidcNonce = oidc.authorizeUrl.searchParams.get('nonce')!;

    const newPassword = 'new-admin-password-Lw93';
    secrets.newPassword = newPassword;
    await request(hub.url)
      .post('/api/v1/auth/password')
      .set('Cookie', cookie)
      .send({ currentPassword: TEST_ADMIN.password, newPassword })
      .expect((res) => expect(res.status).toBeLessThan(300));

    await hub.app.close();
    await new Promise((r) => setTimeout(r, 200)); // the file destination writes asynchronously

    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toContain('/api/v1/servers'); // the requests themselves were logged
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length).toBeGreaterThan(8);
      expect({ name, found: log.includes(secret) }).toEqual({ name, found: false });
    }
  });
});
