import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCommandRunSchema, type CommandRunDetail } from '@hivewatch/protocol';
import { useTestApp } from '../../test/support/suite-app.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import type { Principal } from '../common/auth/principal.js';
import { HubEvents } from '../common/events/hub-events.js';
import { insertServer } from '../records/servers.test-helper.js';
import { CommandRunsService } from './command-runs.service.js';

const admin: Principal = {
  via: 'session',
  userId: randomUUID(),
  username: 'admin',
  role: 'admin',
  scope: 'admin',
};

/** Polls the run until it is no longer running (the dispatcher works in the background). */
async function settled(service: CommandRunsService, id: string): Promise<CommandRunDetail> {
  for (let i = 0; i < 100; i++) {
    const run = await service.get(id);
    if (run.state !== 'running') return run;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the run did not end');
}

describe('command runs on a migrated SQLite database (agents offline)', () => {
  const app = useTestApp();
  const service = () => app.get(CommandRunsService);
  const body = (over: Record<string, unknown>) =>
    createCommandRunSchema.parse({ command: 'uptime', ...over });

  it('ends offline targets with a zero TTL as offline and audits the full command and targets', async () => {
    const a = await insertServer(app.get(DataSource), 'cmd-a');
    const b = await insertServer(app.get(DataSource), 'cmd-b');
    const input = body({
      command: 'echo "full text"; uptime',
      targets: { serverIds: [b, a] },
      offlineTtlSeconds: 0,
    });
    const created = await service().create(admin, input, '127.0.0.1');
    expect(created.results.map((r) => r.serverName)).toEqual(['cmd-a', 'cmd-b']);
    const run = await settled(service(), created.id);
    expect(run.state).toBe('done');
    expect(run.results.map((r) => [r.state, r.error])).toEqual([
      ['offline', 'the agent did not come back before the time-to-live'],
      ['offline', 'the agent did not come back before the time-to-live'],
    ]);
    expect(run.counts).toEqual({ offline: 2 });
    const audit = await app.get(DataSource).getRepository(AuditLog).findOneByOrFail({ targetId: created.id });
    expect(audit.action).toBe('command.run');
    expect(audit.detail).toMatchObject({ command: 'echo "full text"; uptime', serverIds: [a, b] });
  });

  it('keeps a parked target until its server comes online, then sends it with a stored request id', async () => {
    const c = await insertServer(app.get(DataSource), 'cmd-c');
    const created = await service().create(admin, body({ targets: { serverIds: [c] } }), null);
    expect(created.results[0]?.state).toBe('queued');
    await new Promise((r) => setTimeout(r, 50));
    expect((await service().get(created.id)).state).toBe('running');
    // Online by the event, but no socket: the send fails as offline, after the id was stored.
    app.get(HubEvents).emit('server.online', { serverId: c, at: Date.now() });
    const run = await settled(service(), created.id);
    expect(run.results[0]?.state).toBe('offline');
    expect(run.results[0]?.sentAt).not.toBeNull();
  });

  it('cancels the targets not sent yet', async () => {
    const d = await insertServer(app.get(DataSource), 'cmd-d');
    const created = await service().create(admin, body({ targets: { serverIds: [d] } }), null);
    await service().cancel(admin, created.id, null);
    const run = await settled(service(), created.id);
    expect(run.state).toBe('cancelled');
    expect(run.results[0]?.state).toBe('cancelled');
  });

  it('refuses unknown server ids and an empty selection', async () => {
    const ghost = randomUUID();
    await expect(service().create(admin, body({ targets: { serverIds: [ghost] } }), null)).rejects.toThrow(
      `unknown server id(s): ${ghost}`,
    );
    await expect(service().create(admin, body({ targets: { tags: ['no-such-tag'] } }), null)).rejects.toThrow(
      'no server matches the targets',
    );
  });
});
