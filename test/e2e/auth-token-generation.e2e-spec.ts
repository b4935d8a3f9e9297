import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API_METRICS_WS_PATH_PREFIX, BROWSER_WS_PATH, CloseCode } from '@hivewatch/protocol';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ServerDirectory } from '../../src/live/server-directory.js';
import { insertServer } from '../../src/records/servers.test-helper.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openWs, wsUrl, type WsClient } from '../support/ws-client.js';

/**
 * A password reset, a disable, a role change and "sign out everywhere" end every session and access
 * token the user had; re-enabling a user does not bring its old tokens back, new ones work.
 */
describe('events that end all of a user’s sessions and access tokens', () => {
  let hub: TestApp;
  let admin: string;
  let serverId: string;
  const sockets: WsClient[] = [];
  let seq = 0;

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_LIVE_AUTH_RECHECK_SECONDS: '1' });
    admin = await signIn(hub);
    serverId = await insertServer(hub.app.get(DataSource), 'watched');
    await hub.app.get(ServerDirectory).refresh();
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await hub.close();
  });

  const api = () => request(hub.url);

  /** A new user, signed in, with an access token: what each scenario starts from. */
  async function newUser(role: 'user' | 'admin' = 'user') {
    const username = `gen-${++seq}`;
    const password = `${username}-password-1`;
    const created = await api()
      .post('/api/v1/users')
      .set('Cookie', admin)
      .send({ username, password, role })
      .expect(201);
    const cookie = await signIn(hub, username, password);
    const token = await accessToken(cookie);
    return { id: created.body.id as string, username, password, cookie, token };
  }
  async function accessToken(cookie: string): Promise<string> {
    const res = await api().post('/api/v1/auth/token').set('Cookie', cookie).expect(201);
    return res.body.accessToken as string;
  }
  const meWithToken = (token: string) => api().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const meWithCookie = (cookie: string) => api().get('/api/v1/auth/me').set('Cookie', cookie);
  const patchUser = (id: string, body: object) =>
    api().patch(`/api/v1/users/${id}`).set('Cookie', admin).send(body).expect(200);

  async function metricsStream(token: string): Promise<WsClient> {
    const client = await openWs(wsUrl(hub.url, `${API_METRICS_WS_PATH_PREFIX}/${serverId}`));
    sockets.push(client);
    client.send({ type: 'auth', token });
    // still open after a re-check: the token was accepted
    await new Promise((r) => setTimeout(r, 1_300));
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    return client;
  }
  async function browserStream(cookie: string): Promise<WsClient> {
    const client = await openWs(wsUrl(hub.url, BROWSER_WS_PATH), { cookie, origin: hub.url });
    sockets.push(client);
    await client.next((f) => f.type === 'full_sync');
    return client;
  }
  /** Closed by the periodic re-check (every second here), not by anything the client did. */
  async function expectClosedByRecheck(client: WsClient): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'still open'>((r) => (timer = setTimeout(() => r('still open'), 4_000)));
    const outcome = await Promise.race([client.closed, timeout]);
    clearTimeout(timer);
    expect(outcome).not.toBe('still open');
  }

  it('a password reset by an admin ends the user’s sessions, tokens and open streams', async () => {
    const u = await newUser();
    await meWithToken(u.token).expect(200);
    const stream = await metricsStream(u.token);
    await patchUser(u.id, { password: 'reset-by-admin-pass-1' });
    await meWithToken(u.token).expect(401);
    await meWithCookie(u.cookie).expect(401);
    await expectClosedByRecheck(stream);
    expect((await stream.closed).code).toBe(CloseCode.AuthFailed);
    const fresh = await signIn(hub, u.username, 'reset-by-admin-pass-1');
    await meWithToken(await accessToken(fresh)).expect(200);
  });

  it('disabling ends the tokens, and re-enabling does not revive them; new ones work', async () => {
    const u = await newUser();
    const stream = await metricsStream(u.token);
    await patchUser(u.id, { disabled: true });
    await meWithToken(u.token).expect(401);
    await expectClosedByRecheck(stream);
    await patchUser(u.id, { disabled: false });
    await meWithToken(u.token).expect(401);
    await meWithCookie(u.cookie).expect(401);
    const fresh = await signIn(hub, u.username, u.password);
    await meWithToken(await accessToken(fresh)).expect(200);
  });

  it('a role change ends the user’s sessions, tokens and open streams', async () => {
    const u = await newUser('user');
    const stream = await metricsStream(u.token);
    const consoleStream = await browserStream(u.cookie);
    await patchUser(u.id, { role: 'admin' });
    await meWithToken(u.token).expect(401);
    await meWithCookie(u.cookie).expect(401);
    await expectClosedByRecheck(stream);
    await expectClosedByRecheck(consoleStream);
    const fresh = await signIn(hub, u.username, u.password);
    const res = await meWithToken(await accessToken(fresh)).expect(200);
    expect(res.body.user.role).toBe('admin');
    // a PATCH that changes nothing that matters keeps the sessions
    await patchUser(u.id, { role: 'admin', disabled: false });
    await meWithCookie(fresh).expect(200);
  });

  it('"sign out everywhere" ends every session and token of the caller, and is audited', async () => {
    const u = await newUser();
    const otherSession = await signIn(hub, u.username, u.password);
    const stream = await metricsStream(u.token);
    const consoleStream = await browserStream(otherSession);
    const res = await api().post('/api/v1/auth/sign-out-everywhere').set('Cookie', u.cookie).expect(204);
    const cleared = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cleared.some((c) => /^hw_session=;/.test(c))).toBe(true);
    await meWithCookie(u.cookie).expect(401);
    await meWithCookie(otherSession).expect(401);
    await meWithToken(u.token).expect(401);
    await expectClosedByRecheck(stream);
    await expectClosedByRecheck(consoleStream);
    const audit = await api()
      .get('/api/v1/audit-logs?action=auth.sign-out-everywhere')
      .set('Cookie', admin)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actorName: u.username, outcome: 'success', targetId: u.id }),
    ]);
    const fresh = await signIn(hub, u.username, u.password);
    await meWithToken(await accessToken(fresh)).expect(200);
  });

  it('changing one’s own password keeps the current session but ends every access token', async () => {
    const u = await newUser();
    await api()
      .post('/api/v1/auth/password')
      .set('Cookie', u.cookie)
      .send({ currentPassword: u.password, newPassword: 'self-changed-pass-1' })
      .expect(204);
    await meWithToken(u.token).expect(401);
    await meWithCookie(u.cookie).expect(200);
    await meWithToken(await accessToken(u.cookie)).expect(200);
  });

  it('the other users’ tokens are untouched', async () => {
    const bystander = await newUser();
    const u = await newUser();
    await patchUser(u.id, { disabled: true });
    await api().post('/api/v1/auth/sign-out-everywhere').set('Cookie', admin).expect(204);
    admin = await signIn(hub);
    await meWithToken(bystander.token).expect(200);
    await meWithCookie(bystander.cookie).expect(200);
  });
});
