import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { endPasted, type RunningProcess } from '../support/agents/agent-bundle.js';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openWs, refusedStatus, wsUrl } from '../support/ws-client.js';
import { AgentRegistry } from '../../src/agents/agent-registry.js';
import { Clock } from '../../src/common/auth/clock.js';
import { ServerAgentState } from '../../src/servers/server-agent-state.js';
import { TerminalSettingsService } from '../../src/terminal/sessions/terminal-settings.service.js';
import {
  buildAgentBundle,
  openTerminal,
  startAgent,
  TERMINAL_PATH,
  ticketFor,
} from './support/terminal-harness.js';

jest.setTimeout(90_000);

/** Everything `/api/v1/ws/terminal` refuses, on a real hub with the real agent (bundle). */
describe('terminal relay refusals', () => {
  let hub: TestApp;
  let admin: string;
  let work: string;
  let serverId: string;
  let bareServerId: string;
  const agents: RunningProcess[] = [];
  const url = () => wsUrl(hub.url, TERMINAL_PATH);

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-terminal-refusals-'));
    const bundle = buildAgentBundle(work);
    hub = await startTestApp();
    admin = await signIn(hub);
    const withTerminal = await startAgent(hub, admin, bundle, work, 'term-host', {
      capabilities: ['terminal'],
    });
    const bare = await startAgent(hub, admin, bundle, work, 'bare-host', {});
    agents.push(withTerminal.agent, bare.agent);
    serverId = withTerminal.serverId;
    bareServerId = bare.serverId;
  });
  afterAll(async () => {
    for (const agent of agents) await endPasted(agent);
    await hub?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses before the upgrade: foreign or missing Origin, any query string, no valid session', async () => {
    expect(await refusedStatus(url(), { cookie: admin, origin: 'http://evil.example' })).toBe(403);
    expect(await refusedStatus(url(), { cookie: admin })).toBe(403);
    const { ticket } = await ticketFor(hub, admin, serverId);
    expect(await refusedStatus(`${url()}?ticket=${ticket}`, { cookie: admin, origin: hub.url })).toBe(400);
    expect(await refusedStatus(url(), { origin: hub.url })).toBe(401);
    expect(await refusedStatus(url(), { cookie: 'hw_session=forged', origin: hub.url })).toBe(401);
    // The ticket that was in a URL was not redeemed by it: still good in a first frame.
    const term = await openTerminal(hub, admin, ticket);
    expect((await term.ready()).type).toBe('ready');
    term.client.send({ type: 'close' });
    expect(await term.exit()).toMatchObject({ reason: 'user' });
  });

  it('closes with an error frame: reused, expired or garbage ticket, a first frame that is not auth', async () => {
    const { ticket } = await ticketFor(hub, admin, serverId);
    const first = await openTerminal(hub, admin, ticket);
    expect((await first.ready()).type).toBe('ready');
    first.client.close();
    const reused = await openTerminal(hub, admin, ticket);
    expect(await reused.ready()).toMatchObject({
      type: 'error',
      message: 'unknown or already used terminal ticket',
    });
    expect((await reused.client.closed).code).toBe(1008);

    const late = await ticketFor(hub, admin, serverId);
    const clock = hub.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => realNow() + 61_000;
    try {
      const expired = await openTerminal(hub, admin, late.ticket);
      expect(await expired.ready()).toMatchObject({ type: 'error', message: 'terminal ticket expired' });
      expect((await expired.client.closed).code).toBe(1008);
    } finally {
      clock.now = realNow;
    }

    const garbage = await openTerminal(hub, admin, 'x'.repeat(43));
    expect((await garbage.ready()).type).toBe('error');
    const notAuth = await openWs(url(), { cookie: admin, origin: hub.url });
    notAuth.send({ type: 'input', data: 'bHMK' });
    expect(await notAuth.next()).toEqual({ type: 'error', message: 'the first frame must be "auth"' });
    expect((await notAuth.closed).code).toBe(1008);
    const huge = await openWs(url(), { cookie: admin, origin: hub.url });
    huge.send({ type: 'input', data: Buffer.alloc(100 * 1024).toString('base64') });
    expect((await huge.closed).code).toBe(1009);
    const invalid = await openWs(url(), { cookie: admin, origin: hub.url });
    invalid.send({ type: 'auth', ticket: 'short', cols: 80, rows: 24 });
    expect((await invalid.next()).type).toBe('error');
    expect((await invalid.closed).code).toBe(1008);
  });

  it('closes a socket that sends no auth frame within 10 s', async () => {
    const silent = await openWs(url(), { cookie: admin, origin: hub.url });
    expect(await silent.next(undefined, 15_000)).toEqual({
      type: 'error',
      message: 'no auth frame within 10 s',
    });
    expect((await silent.closed).code).toBe(4408);
  });

  it("refuses users and API keys a ticket, and another user's socket an admin's ticket", async () => {
    const user = await createUserAndSignIn(hub, admin, {
      username: 'uma',
      password: 'uma-password-000001',
      role: 'user',
    });
    const ask = (auth: Record<string, string>) =>
      request(hub.url).post(`/api/v1/servers/${serverId}/terminal/tickets`).set(auth);
    await ask({ Cookie: user }).expect(403);
    await ask({ Authorization: `Bearer ${await createApiKey(hub, admin, 'admin')}` }).expect(403);
    const { ticket } = await ticketFor(hub, admin, serverId);
    const stolen = await openTerminal(hub, user, ticket);
    expect(await stolen.ready()).toMatchObject({
      type: 'error',
      message: 'this terminal ticket belongs to another user',
    });
  });

  it('refuses a host without the terminal capability, at the ticket and at the agent', async () => {
    const res = await request(hub.url)
      .post(`/api/v1/servers/${bareServerId}/terminal/tickets`)
      .set('Cookie', admin)
      .expect(409);
    expect(res.body.message).toContain('terminal is not enabled on this host');
    // A hub that believed otherwise (its record and the connection say "terminal"): the agent refuses.
    const conn = hub.app.get(AgentRegistry).get(bareServerId)!;
    const advertised = conn.capabilities;
    await hub.app.get(ServerAgentState).recordAgentFacts(bareServerId, { capabilities: ['terminal'] });
    conn.capabilities = [...(advertised ?? []), 'terminal'];
    try {
      const { ticket } = await ticketFor(hub, admin, bareServerId);
      const term = await openTerminal(hub, admin, ticket);
      const refused = await term.ready();
      expect(refused.type).toBe('error');
      expect(refused.message).toContain("capability 'terminal' is disabled on this host");
      expect(await term.exit()).toMatchObject({ reason: 'spawn-failed' });
    } finally {
      conn.capabilities = advertised;
    }
  });

  it('applies the per-server session limit', async () => {
    const settings = hub.app.get(TerminalSettingsService);
    const before = await settings.get();
    await settings.update({ ...before, maxSessionsPerServer: 1 }, { via: 'system' }, null);
    try {
      const one = await openTerminal(hub, admin, (await ticketFor(hub, admin, serverId)).ticket);
      expect((await one.ready()).type).toBe('ready');
      const two = await openTerminal(hub, admin, (await ticketFor(hub, admin, serverId)).ticket);
      expect(await two.ready()).toMatchObject({
        type: 'error',
        message: 'this server already has 1 open terminal sessions (the limit)',
      });
      one.client.close();
    } finally {
      await settings.update(before, { via: 'system' }, null);
    }
  });

  it('applies the per-user session limit, counting only that user', async () => {
    const settings = hub.app.get(TerminalSettingsService);
    const before = await settings.get();
    await settings.update({ ...before, maxSessionsPerUser: 1 }, { via: 'system' }, null);
    try {
      const one = await openTerminal(hub, admin, (await ticketFor(hub, admin, serverId)).ticket);
      expect((await one.ready()).type).toBe('ready');
      const two = await openTerminal(hub, admin, (await ticketFor(hub, admin, serverId)).ticket);
      expect(await two.ready()).toMatchObject({
        type: 'error',
        message: 'you already have 1 open terminal sessions (the limit)',
      });
      // Another admin still has a session of their own on the same server.
      const other = await createUserAndSignIn(hub, admin, {
        username: 'second-admin',
        password: 'second-admin-password-01',
        role: 'admin',
      });
      const theirs = await openTerminal(hub, other, (await ticketFor(hub, other, serverId)).ticket);
      expect((await theirs.ready()).type).toBe('ready');
      one.client.close();
      theirs.client.close();
    } finally {
      await settings.update(before, { via: 'system' }, null);
    }
  });
});
