import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { useTestApp } from '../../test/support/suite-app.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { AgentTokenVerifier } from './agent-token.verifier.js';
import { GroupsService } from './groups.service.js';
import { ServerAgentState } from './server-agent-state.js';
import { Server } from './server.entity.js';
import { ServersService } from './servers.service.js';

const ctx: ActorContext = { actor: { via: 'system', name: 'int-spec' }, ip: '127.0.0.1' };

describe('ServersService and GroupsService on a migrated SQLite database', () => {
  const app = useTestApp();
  const servers = () => app.get(ServersService);
  const agentState = () => app.get(ServerAgentState);
  const groups = () => app.get(GroupsService);
  const verifier = () => app.get(AgentTokenVerifier);
  const db = () => app.get(DataSource);

  it('creates a server whose token verifies, and never shows the hash', async () => {
    const { server, token } = await servers().create({ name: 'web-1', tags: ['web', 'eu'] }, ctx);
    expect(token.startsWith(`hwa_${server.tokenPrefix}_`)).toBe(true);
    expect(server).not.toHaveProperty('tokenHash');
    expect(server.tags).toEqual(['eu', 'web']);
    await expect(verifier().verify(server.id, token)).resolves.toMatchObject({ id: server.id });
    await expect(verifier().verify(null, token)).resolves.toMatchObject({ id: server.id });
    const row = await db().getRepository(Server).findOneByOrFail({ id: server.id });
    expect(row.tokenHash).toMatch(/^\$argon2id\$/);
  });

  it('rotation ends the old token at once and issues a new prefix', async () => {
    const { server, token } = await servers().create({ name: 'rotate-me' }, ctx);
    await verifier().verify(server.id, token); // warm the cache
    const rotated = await servers().rotateToken(server.id, ctx);
    expect(rotated.server.tokenPrefix).not.toBe(server.tokenPrefix);
    await expect(verifier().verify(server.id, token)).resolves.toBeNull();
    await expect(verifier().verify(null, token)).resolves.toBeNull();
    await expect(verifier().verify(server.id, rotated.token)).resolves.toMatchObject({ id: server.id });
  });

  it('records agent facts, lastSeenAt, a monotonic request-id high water and settled seq', async () => {
    const { server } = await servers().create({ name: 'agent-facts' }, ctx);
    await agentState().recordAgentFacts(server.id, {
      dialect: 'envelope',
      agentVersion: '1.2.3',
      protocolVersion: 2,
      capabilities: ['docker'],
      systemInfo: { hostname: 'h1', cpuCores: 4 },
    });
    await agentState().recordAgentFacts(server.id, { agentVersion: '1.2.4' }); // others unchanged
    await agentState().recordLastSeen([{ serverId: server.id, at: 1_700_000_000_000 }]);
    expect(await servers().get(server.id)).toMatchObject({
      dialect: 'envelope',
      agentVersion: '1.2.4',
      protocolVersion: 2,
      capabilities: ['docker'],
      systemInfo: { hostname: 'h1', cpuCores: 4 },
      lastSeenAt: new Date(1_700_000_000_000),
    });
    await agentState().raiseRpcIdHighWater(server.id, 1_733_936_600_000_123);
    await agentState().raiseRpcIdHighWater(server.id, 5); // never lowered
    await agentState().recordSettledSeqs([{ serverId: server.id, seq: 9 }]);
    await agentState().recordSettledSeqs([{ serverId: server.id, seq: 3 }]);
    expect(await agentState().agentResumeState(server.id)).toEqual({
      rpcIdHighWater: 1_733_936_600_000_123,
      settledSeq: 9,
    });
    expect(await agentState().agentResumeState('6f1c1c1e-7d6e-4c38-9a51-2f0f3f1a0b99')).toBeNull();
  });

  it('deleting a server ends its token', async () => {
    const { server, token } = await servers().create({ name: 'doomed' }, ctx);
    await verifier().verify(server.id, token);
    await servers().remove(server.id, ctx);
    await expect(verifier().verify(server.id, token)).resolves.toBeNull();
    await expect(servers().get(server.id)).rejects.toMatchObject({ status: 404 });
  });

  it('filters by group, tag, name and sorts', async () => {
    const g = await groups().create({ name: 'Filters' }, ctx);
    const a = await servers().create({ name: 'Alpha_db', groupId: g.id, tags: ['db'] }, ctx);
    const b = await servers().create({ name: 'beta-db', groupId: g.id, tags: ['db', 'x'] }, ctx);
    await servers().create({ name: 'gamma', tags: ['x'] }, ctx);
    const base = { sort: 'name', order: 'asc', limit: 100, offset: 0 } as const;

    const inGroup = await servers().list({ ...base, groupId: g.id });
    expect(inGroup.items.map((s) => s.id)).toEqual([a.server.id, b.server.id]);
    expect(inGroup.total).toBe(2);
    const tagged = await servers().list({ ...base, tag: 'x' });
    expect(tagged.items.map((s) => s.name)).toEqual(['beta-db', 'gamma']);
    const byName = await servers().list({ ...base, q: 'DB' });
    expect(byName.items.map((s) => s.name)).toEqual(['Alpha_db', 'beta-db']);
    // LIKE wildcards in the search are literal
    expect((await servers().list({ ...base, q: 'a_d' })).items.map((s) => s.name)).toEqual(['Alpha_db']);
    const page = await servers().list({ ...base, groupId: g.id, order: 'desc', limit: 1, offset: 0 });
    expect(page).toMatchObject({ total: 2, items: [{ name: 'beta-db', tags: ['db', 'x'] }] });
    const ungrouped = await servers().list({ ...base, groupId: 'none' });
    expect(ungrouped.items.every((s) => s.groupId === null)).toBe(true);
  });

  it('updates every editable field and replaces tags', async () => {
    const { server } = await servers().create({ name: 'edit', tags: ['old'] }, ctx);
    const edits = {
      name: 'edited',
      tags: ['new', 'other'],
      notes: 'rack 4',
      price: 12.5,
      currency: 'EUR',
      billingCycle: 'yearly' as const,
      expiresAt: new Date('2031-05-01T00:00:00Z'),
      displayOrder: 7,
    };
    const updated = await servers().update(server.id, edits, ctx);
    expect(updated).toMatchObject(edits);
    const tags = await servers().listTags();
    expect(tags.find((t) => t.tag === 'old')).toBeUndefined();
    expect(tags.find((t) => t.tag === 'new')).toEqual({ tag: 'new', count: 1 });
    await expect(
      servers().update(server.id, { groupId: '00000000-0000-4000-8000-000000000000' }, ctx),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('groups: unique names (any case), deletion leaves servers ungrouped', async () => {
    const g = await groups().create({ name: 'Edge' }, ctx);
    await expect(groups().create({ name: 'edge' }, ctx)).rejects.toMatchObject({ status: 409 });
    const other = await groups().create({ name: 'Core' }, ctx);
    await expect(groups().update(other.id, { name: 'EDGE' }, ctx)).rejects.toMatchObject({ status: 409 });
    await expect(
      groups().update(g.id, { name: 'Edge', description: 'same name is fine' }, ctx),
    ).resolves.toMatchObject({
      name: 'Edge',
    });
    const { server } = await servers().create({ name: 'edge-1', groupId: g.id }, ctx);
    expect((await groups().get(g.id)).serverCount).toBe(1);
    await groups().remove(g.id, ctx);
    expect((await servers().get(server.id)).groupId).toBeNull();
    await expect(groups().get(g.id)).rejects.toMatchObject({ status: 404 });
  });

  it('audits every change without secrets', async () => {
    const { server, token } = await servers().create({ name: 'audited' }, ctx);
    const rotated = await servers().rotateToken(server.id, ctx);
    await servers().update(server.id, { notes: 'n' }, ctx);
    await servers().remove(server.id, ctx);
    const rows = await db().getRepository(AuditLog).findBy({ targetId: server.id });
    expect(rows.map((r) => r.action).sort()).toEqual([
      'server.create',
      'server.delete',
      'server.token.rotate',
      'server.update',
    ]);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(rotated.token);
    expect(dump).not.toContain(token.slice(13));
    expect(rows.every((r) => r.ip === '127.0.0.1' && r.actorName === 'int-spec')).toBe(true);
  });
});
