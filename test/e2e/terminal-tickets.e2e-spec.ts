import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { terminalTicketResponseSchema } from '@hivewatch/protocol';
import { ServerAgentState } from '../../src/servers/server-agent-state.js';
import { TerminalTicketsService } from '../../src/terminal/terminal-tickets.service.js';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * Terminal tickets on a real hub: only an admin in a console session, after step-up, for a host whose
 * agent has the terminal capability; single use; the ticket never in a URL. (Redemption through the
 * gateway: terminal.e2e-spec.ts and terminal-refusals.e2e-spec.ts.)
 */
describe('terminal tickets', () => {
  let hub: TestApp;
  let admin: string;
  let serverId: string;
  let bareServerId: string;
  const ask = (id: string, auth: Record<string, string>) =>
    request(hub.url).post(`/api/v1/servers/${id}/terminal/tickets`).set(auth);

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
    const create = async (name: string) =>
      (
        (await request(hub.url).post('/api/v1/servers').set('Cookie', admin).send({ name }).expect(201))
          .body as {
          server: { id: string };
        }
      ).server.id;
    serverId = await create('with-terminal');
    bareServerId = await create('without-terminal');
    await hub.app.get(ServerAgentState).recordAgentFacts(serverId, { capabilities: ['terminal'] });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('issues a single-use, 60 s ticket to an admin session after step-up', async () => {
    const res = await ask(serverId, { Cookie: admin }).expect(201);
    const body = terminalTicketResponseSchema.parse(res.body);
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    const tickets = hub.app.get(TerminalTicketsService);
    expect(tickets.redeem(body.ticket, serverId)).toMatchObject({ serverId, sessionId: body.sessionId });
    expect(() => tickets.redeem(body.ticket, serverId)).toThrow('unknown or already used terminal ticket');
  });

  it('says clearly when the host has not enabled the terminal', async () => {
    const res = await ask(bareServerId, { Cookie: admin }).expect(409);
    expect(res.body.message).toContain('terminal is not enabled on this host');
  });

  it('refuses API keys (even ops), user-role sessions, and sessions without a fresh step-up', async () => {
    const opsKey = await createApiKey(hub, admin, 'ops');
    const adminKey = await createApiKey(hub, admin, 'admin');
    const opsRefusal = await ask(serverId, { Authorization: `Bearer ${opsKey}` }).expect(403);
    expect(opsRefusal.body.message).toContain('API keys and access tokens never');
    await ask(serverId, { Authorization: `Bearer ${adminKey}` }).expect(403);
    const user = await createUserAndSignIn(hub, admin, {
      username: 'carol',
      password: 'carol-password-00001',
      role: 'user',
    });
    await ask(serverId, { Cookie: user }).expect(403);
    await ageStepUpProofs(hub);
    const stale = await ask(serverId, { Cookie: admin }).expect(401);
    expect(stale.body.reason).toBe('step_up_required');
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', admin)
      .send({ password: TEST_ADMIN.password })
      .expect(200);
    await ask(serverId, { Cookie: admin }).expect(201);
  });

  it('audits each ticket issued, without the ticket', async () => {
    const res = await ask(serverId, { Cookie: admin }).expect(201);
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=terminal.ticket.issue')
      .set('Cookie', admin)
      .expect(200);
    const text = JSON.stringify(audit.body);
    expect(text).toContain(res.body.sessionId as string);
    expect(text).not.toContain(res.body.ticket as string);
  });
});
