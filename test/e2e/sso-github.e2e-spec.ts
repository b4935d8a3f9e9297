import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  auditPageSchema,
  linkedIdentitySchema,
  signInOptionsSchema,
  type AuditRecord,
} from '@hivewatch/protocol';
import request from 'supertest';
import { z } from 'zod';
import { loadConfig } from '../../src/config/app-config.js';
import { signIn } from '../support/http.js';
import { ensureBuiltHub } from '../support/hub-process.js';
import { enrollTotp, sessionCookieOf, totpCode } from '../support/second-factor.js';
import { startGithubStandIn, type GithubAccount, type GithubStandIn } from '../support/github-stand-in.js';
import { beginSso, finishSso, ssoRoundTrip, TEST_PUBLIC_URL } from '../support/sso-round-trip.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * GitHub sign-in through the real hub against a local stand-in of GitHub's OAuth and API endpoints
 * (test/support/github-stand-in.ts): registration and linking per the sign-in settings, verified
 * primary e-mail only, the organisation allow-list, team → role mapping at every sign-in, the round
 * trip's state and browser binding, link / unlink, and the audit rows of each.
 */
const CLIENT = { id: 'hub-client-id', secret: 'gh-client-secret-Xq73kP0w' };

function account(id: number, login: string, extra: Partial<GithubAccount> = {}): GithubAccount {
  return {
    id,
    login,
    emails: [{ email: `${login}@example.com`, primary: true, verified: true }],
    orgs: [],
    teams: [],
    ...extra,
  };
}

function githubEnv(standIn: GithubStandIn, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HIVEWATCH_PUBLIC_URL: TEST_PUBLIC_URL,
    HIVEWATCH_GITHUB_CLIENT_ID: CLIENT.id,
    HIVEWATCH_GITHUB_CLIENT_SECRET: CLIENT.secret,
    HIVEWATCH_GITHUB_WEB_URL: standIn.url,
    HIVEWATCH_GITHUB_API_URL: standIn.url,
    HIVEWATCH_TRUST_PROXY: 'true',
    ...extra,
  };
}

async function auditRows(hub: TestApp, admin: string, action: string): Promise<AuditRecord[]> {
  const res = await request(hub.url)
    .get('/api/v1/audit-logs')
    .query({ action })
    .set('Cookie', admin)
    .expect(200);
  return auditPageSchema.parse(res.body).items;
}

const me = (hub: TestApp, cookie: string | undefined) =>
  request(hub.url)
    .get('/api/v1/auth/me')
    .set('Cookie', cookie ?? '');

describe('GitHub sign-in (registration, linking, e-mail, state)', () => {
  let standIn: GithubStandIn;
  let hub: TestApp;
  let admin: string;
  const settings = (change: object) =>
    request(hub.url).put('/api/v1/settings/auth').set('Cookie', admin).send(change).expect(200);

  beforeAll(async () => {
    standIn = await startGithubStandIn(CLIENT);
    standIn.accounts.set('octocat', account(101, 'octocat'));
    standIn.accounts.set(
      'octo-alt',
      account(102, 'octo-alt', {
        emails: [{ email: 'octocat@example.com', primary: true, verified: false }],
      }),
    );
    standIn.accounts.set('mallory', account(103, 'mallory'));
    hub = await startTestApp(githubEnv(standIn));
    admin = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
    await standIn.close();
  });

  it('offers GitHub on the sign-in page, with the callback URL from HIVEWATCH_PUBLIC_URL and PKCE', async () => {
    const res = await request(hub.url).get('/api/v1/auth/providers').expect(200);
    expect(signInOptionsSchema.parse(res.body)).toEqual({
      providers: [{ id: 'github', kind: 'github', displayName: 'GitHub' }],
      localSignIn: true,
    });
    standIn.signInAs = 'octocat';
    const begun = await beginSso(hub, 'github');
    const q = begun.authorizeUrl.searchParams;
    expect(begun.authorizeUrl.origin).toBe(standIn.url);
    expect(q.get('redirect_uri')).toBe(`${TEST_PUBLIC_URL}/api/v1/auth/sso/github/callback`);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(begun.authorizeUrl.href).not.toContain(CLIENT.secret);
    expect(begun.flowSetCookie).toMatch(/HttpOnly/i);
    expect(begun.flowSetCookie).toMatch(/SameSite=Lax/i);
    expect(begun.flowSetCookie).toMatch(/Path=\/api\/v1\/auth\/sso(;|$)/i);
  });

  it('refuses an unknown identity while registration is off, then registers it (no password) when on', async () => {
    standIn.signInAs = 'octocat';
    const refused = await ssoRoundTrip(hub, 'github');
    expect(refused.location).toBe('/sign-in?error=not-registered');
    expect(refused.cookies.has('hw_session')).toBe(false);

    await settings({ allowRegistration: true });
    const ok = await ssoRoundTrip(hub, 'github', { returnTo: '/servers' });
    expect(ok).toMatchObject({ status: 302, location: '/servers' });
    const session = ok.cookies.get('hw_session');
    expect((await me(hub, session).expect(200)).body.user).toMatchObject({
      username: 'octocat',
      role: 'user',
    });
    // the same identity again is the same user, never a second account
    const again = await ssoRoundTrip(hub, 'github');
    expect((await me(hub, again.cookies.get('hw_session')).expect(200)).body.user.username).toBe('octocat');
    const ids = await request(hub.url).get('/api/v1/auth/identities').set('Cookie', session!).expect(200);
    expect(z.array(linkedIdentitySchema).parse(ids.body)).toMatchObject([
      { provider: 'github', providerName: 'GitHub', subject: '101', email: 'octocat@example.com' },
    ]);
    // SSO-only: the account has no password, so password sign-in cannot reach it
    const users = await request(hub.url).get('/api/v1/users').set('Cookie', admin).expect(200);
    expect((users.body as { username: string }[]).map((u) => u.username).sort()).toEqual([
      'admin',
      'octocat',
    ]);

    const logins = await auditRows(hub, admin, 'auth.login');
    expect(logins.find((r) => r.outcome === 'failure' && r.detail?.provider === 'github')).toMatchObject({
      detail: { provider: 'github', reason: 'not-registered' },
      ip: expect.any(String),
    });
    expect(logins.find((r) => r.outcome === 'success' && r.actorName === 'octocat')).toMatchObject({
      detail: { method: 'sso:github' },
      ip: expect.any(String),
    });
    await settings({ allowRegistration: false });
  });

  it('links by e-mail only when the setting is on and GitHub verified the primary address', async () => {
    await settings({ linkByVerifiedEmail: true });
    standIn.signInAs = 'octo-alt'; // primary address octocat@example.com, unverified
    expect((await ssoRoundTrip(hub, 'github')).location).toBe('/sign-in?error=email-unverified');
    standIn.accounts.get('octo-alt')!.emails = [
      { email: 'octo-alt@users.noreply.example.com', primary: false, verified: true },
      { email: 'octocat@example.com', primary: true, verified: true },
    ];
    const linked = await ssoRoundTrip(hub, 'github');
    expect((await me(hub, linked.cookies.get('hw_session')).expect(200)).body.user.username).toBe('octocat');
    const rows = await auditRows(hub, admin, 'auth.identity.link');
    expect(rows[0]).toMatchObject({
      outcome: 'success',
      detail: { provider: 'github', via: 'verified-email' },
    });
    await settings({ linkByVerifiedEmail: false });
  });

  it('binds the round trip to its browser and to one use: wrong state, missing cookie, reused state refused', async () => {
    standIn.signInAs = 'octocat';
    const begun = await beginSso(hub, 'github');
    const wrongState = begun.callbackPath.replace(/state=[^&]+/, 'state=not-the-state');
    expect((await finishSso(hub, wrongState, [begun.flowCookie])).location).toBe('/sign-in?error=expired');
    const noCookie = await finishSso(hub, begun.callbackPath, []);
    expect(noCookie.location).toBe('/sign-in?error=invalid-response');
    const otherBrowser = await finishSso(hub, begun.callbackPath, ['hw_sso=another-browsers-cookie']);
    expect(otherBrowser.location).toBe('/sign-in?error=invalid-response');
    const ok = await finishSso(hub, begun.callbackPath, [begun.flowCookie]);
    expect(ok.cookies.has('hw_session')).toBe(true);
    expect(ok.setCookie.find((c) => c.startsWith('hw_session='))).toMatch(/HttpOnly/i);
    const reused = await finishSso(hub, begun.callbackPath, [begun.flowCookie]);
    expect(reused.location).toBe('/sign-in?error=expired');
    expect(reused.cookies.has('hw_session')).toBe(false);
    // the code itself is single-use at GitHub too, and was exchanged with the PKCE verifier
    expect(standIn.tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('answers "provider-unreachable" (and keeps running) when GitHub answers garbage', async () => {
    standIn.signInAs = 'octocat';
    standIn.brokenEmails = true;
    expect((await ssoRoundTrip(hub, 'github')).location).toBe('/sign-in?error=provider-unreachable');
    standIn.brokenEmails = false;
    await request(hub.url).get('/api/v1/health').expect(200);
  });

  it('maps a cancelled authorization to "refused" and a disabled account to "disabled"', async () => {
    standIn.signInAs = null;
    expect((await ssoRoundTrip(hub, 'github')).location).toBe('/sign-in?error=refused');
    standIn.signInAs = 'octocat';
    const users = await request(hub.url).get('/api/v1/users').set('Cookie', admin).expect(200);
    const octocat = (users.body as { id: string; username: string }[]).find((u) => u.username === 'octocat')!;
    await request(hub.url)
      .patch(`/api/v1/users/${octocat.id}`)
      .set('Cookie', admin)
      .send({ disabled: true })
      .expect(200);
    expect((await ssoRoundTrip(hub, 'github')).location).toBe('/sign-in?error=disabled');
    await request(hub.url)
      .patch(`/api/v1/users/${octocat.id}`)
      .set('Cookie', admin)
      .send({ disabled: false })
      .expect(200);
  });

  it('links an identity to the signed-in user, refuses one linked to someone else, unlinks but not the last way in', async () => {
    standIn.signInAs = 'mallory';
    const linked = await ssoRoundTrip(
      hub,
      'github',
      { purpose: 'link', returnTo: '/account/security' },
      admin,
    );
    expect(linked.location).toBe('/account/security');
    const mine = await request(hub.url).get('/api/v1/auth/identities').set('Cookie', admin).expect(200);
    expect(mine.body).toMatchObject([{ provider: 'github', subject: '103' }]);

    standIn.signInAs = 'octocat'; // already octocat's
    const taken = await ssoRoundTrip(
      hub,
      'github',
      { purpose: 'link', returnTo: '/account/security' },
      admin,
    );
    expect(taken.location).toBe('/account/security?ssoError=already-linked');
    // link and step-up need a session
    await request(hub.url).get('/api/v1/auth/sso/github/start?purpose=link').expect(401);

    // GitHub reports no authentication time: it cannot serve as a step-up re-authentication
    standIn.signInAs = 'mallory';
    const stepUp = await ssoRoundTrip(hub, 'github', { purpose: 'step-up', returnTo: '/servers' }, admin);
    expect(stepUp.location).toBe('/servers?ssoError=reauthentication-required');

    // the admin has a password: unlinking GitHub leaves a way in
    await request(hub.url)
      .delete(`/api/v1/auth/identities/${mine.body[0].id as string}`)
      .set('Cookie', admin)
      .expect(204);
    // octocat signs in only through GitHub (two identities: one may go, the last may not)
    standIn.signInAs = 'octocat';
    const octo = (await ssoRoundTrip(hub, 'github')).cookies.get('hw_session')!;
    const octoIds = z
      .array(linkedIdentitySchema)
      .parse((await request(hub.url).get('/api/v1/auth/identities').set('Cookie', octo).expect(200)).body);
    expect(octoIds).toHaveLength(2);
    await request(hub.url)
      .delete(`/api/v1/auth/identities/${octoIds[1]!.id}`)
      .set('Cookie', octo)
      .expect(204);
    const last = await request(hub.url)
      .delete(`/api/v1/auth/identities/${octoIds[0]!.id}`)
      .set('Cookie', octo)
      .expect(409);
    expect(last.body.message).toMatch(/last way to sign in/);
    // someone else's identity is not found, whoever asks
    await request(hub.url)
      .delete(`/api/v1/auth/identities/${octoIds[0]!.id}`)
      .set('Cookie', admin)
      .expect(404);

    const unlinks = await auditRows(hub, admin, 'auth.identity.unlink');
    expect(unlinks.map((r) => [r.actorName, r.outcome, r.detail?.provider, r.detail?.reason])).toEqual([
      ['octocat', 'failure', 'github', 'last-way-in'],
      ['octocat', 'success', 'github', undefined],
      ['admin', 'success', 'github', undefined],
    ]);
    const links = await auditRows(hub, admin, 'auth.identity.link');
    expect(links.find((r) => r.outcome === 'failure')).toMatchObject({
      actorName: 'admin',
      detail: { provider: 'github', reason: 'already-linked' },
      ip: expect.any(String),
    });
    const stepUps = await auditRows(hub, admin, 'auth.step-up');
    expect(stepUps[0]).toMatchObject({
      outcome: 'failure',
      detail: { provider: 'github', reason: 'reauthentication-required' },
    });
  });

  it('signs out with 204: GitHub offers no RP-initiated logout', async () => {
    standIn.signInAs = 'octocat';
    const session = (await ssoRoundTrip(hub, 'github')).cookies.get('hw_session')!;
    const res = await request(hub.url).post('/api/v1/auth/logout').set('Cookie', session).expect(204);
    expect(res.body).toEqual({});
    await me(hub, session).expect(401);
  });

  it('asks the local second factor after GitHub, with the challenge in an HttpOnly cookie, never in the URL', async () => {
    standIn.signInAs = 'octocat';
    const session = (await ssoRoundTrip(hub, 'github')).cookies.get('hw_session')!;
    const { secret } = await enrollTotp(hub, session);
    const asked = await ssoRoundTrip(hub, 'github', { returnTo: '/servers' });
    expect(asked.location).toBe('/sign-in?step=second-factor&returnTo=%2Fservers');
    expect(asked.cookies.has('hw_session')).toBe(false);
    const challengeCookie = asked.setCookie.find((c) => c.startsWith('hw_challenge='))!;
    expect(challengeCookie).toMatch(/HttpOnly/i);
    expect(challengeCookie).toMatch(/Path=\/api\/v1\/auth(;|$)/i);
    expect(asked.location).not.toContain(challengeCookie.split(';')[0]!.split('=')[1]!);
    const done = await request(hub.url)
      .post('/api/v1/auth/login/second-factor')
      .set('Cookie', asked.cookies.get('hw_challenge')!)
      .send({ code: totpCode(secret, Date.now() + 30_000) })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'signed-in', user: { username: 'octocat' } });
    await me(hub, sessionCookieOf(done)).expect(200);
  });
});

describe('GitHub organisations and teams', () => {
  let standIn: GithubStandIn;
  let hub: TestApp;
  let admin: string;

  beforeAll(async () => {
    standIn = await startGithubStandIn(CLIENT);
    standIn.accounts.set('outsider', account(201, 'outsider', { orgs: ['elsewhere'] }));
    standIn.accounts.set('dev', account(202, 'dev', { orgs: ['Hive-Org'], teams: ['hive-org/dev'] }));
    standIn.accounts.set(
      'ops',
      account(203, 'ops', { orgs: ['hive-org'], teams: ['hive-org/ops', 'hive-org/dev'] }),
    );
    standIn.accounts.set(
      'nobody',
      account(204, 'nobody', { orgs: ['hive-org'], teams: ['hive-org/interns'] }),
    );
    hub = await startTestApp(
      githubEnv(standIn, {
        HIVEWATCH_GITHUB_ORGS: 'hive-org',
        HIVEWATCH_GITHUB_ADMIN_TEAMS: 'hive-org/ops',
        HIVEWATCH_GITHUB_USER_TEAMS: 'hive-org/dev',
      }),
    );
    admin = await signIn(hub);
    await request(hub.url)
      .put('/api/v1/settings/auth')
      .set('Cookie', admin)
      .send({ allowRegistration: true })
      .expect(200);
  });
  afterAll(async () => {
    await hub.close();
    await standIn.close();
  });

  it('refuses members of no allowed organisation, and asks GitHub for read:org', async () => {
    standIn.signInAs = 'outsider';
    expect((await ssoRoundTrip(hub, 'github')).location).toBe('/sign-in?error=org-not-allowed');
    expect(standIn.authorizeRequests.at(-1)?.get('scope')).toBe('read:user user:email read:org');
  });

  it('maps teams to roles at every sign-in, and refuses a member of no mapped team', async () => {
    standIn.signInAs = 'ops';
    const ops = (await ssoRoundTrip(hub, 'github')).cookies.get('hw_session');
    expect((await me(hub, ops).expect(200)).body.user).toMatchObject({ username: 'ops', role: 'admin' });
    standIn.signInAs = 'dev';
    const dev = (await ssoRoundTrip(hub, 'github')).cookies.get('hw_session');
    expect((await me(hub, dev).expect(200)).body.user).toMatchObject({ username: 'dev', role: 'user' });
    standIn.signInAs = 'nobody';
    expect((await ssoRoundTrip(hub, 'github')).location).toBe('/sign-in?error=group-not-allowed');

    // dev joins the ops team at GitHub: the next sign-in makes them admin and ends their older session
    standIn.accounts.get('dev')!.teams = ['hive-org/ops'];
    standIn.signInAs = 'dev';
    const promoted = (await ssoRoundTrip(hub, 'github')).cookies.get('hw_session');
    expect((await me(hub, promoted).expect(200)).body.user).toMatchObject({ username: 'dev', role: 'admin' });
    await me(hub, dev).expect(401);
    const updates = await request(hub.url)
      .get('/api/v1/audit-logs')
      .query({ action: 'user.update' })
      .set('Cookie', admin)
      .expect(200);
    expect(auditPageSchema.parse(updates.body).items[0]).toMatchObject({
      actorType: 'system',
      outcome: 'success',
      detail: { username: 'dev', role: 'admin', provider: 'github', via: 'role-mapping' },
    });
  });
});

describe('SSO configuration', () => {
  it('refuses to start with a provider but no HIVEWATCH_PUBLIC_URL, saying why', () => {
    expect(() =>
      loadConfig({ HIVEWATCH_GITHUB_CLIENT_ID: 'id', HIVEWATCH_GITHUB_CLIENT_SECRET: 'secret' }),
    ).toThrow(/HIVEWATCH_PUBLIC_URL: required when a sign-in provider is configured/);
    expect(() => loadConfig({})).not.toThrow();
  });

  it('the hub process exits 1 with that message', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-sso-config-'));
    const child = spawn(process.execPath, [ensureBuiltHub()], {
      env: {
        PATH: process.env.PATH,
        HIVEWATCH_DATA_DIR: dataDir,
        HIVEWATCH_PORT: '0',
        HIVEWATCH_GITHUB_CLIENT_ID: 'id',
        HIVEWATCH_GITHUB_CLIENT_SECRET: 'gh-secret-not-printed',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toContain('HIVEWATCH_PUBLIC_URL: required when a sign-in provider is configured');
    expect(output).not.toContain('gh-secret-not-printed');
  }, 30_000);
});
