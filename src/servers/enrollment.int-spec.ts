import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { useTestApp } from '../../test/support/suite-app.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { sha256Hex } from './agent-token.js';
import { AgentTokenVerifier } from './agent-token.verifier.js';
import { EnrollmentKeysService } from './enrollment-keys.service.js';
import { EnrollmentService, type EnrollmentResult } from './enrollment.service.js';
import { GroupsService } from './groups.service.js';
import { Server } from './server.entity.js';

const ctx: ActorContext = { actor: { via: 'system', name: 'int-spec' }, ip: '127.0.0.1' };

function ok(r: EnrollmentResult): Extract<EnrollmentResult, { ok: true }> {
  if (!r.ok) throw new Error(`enrollment failed: ${r.reason}`);
  return r;
}

describe('EnrollmentService on a migrated SQLite database', () => {
  const app = useTestApp();
  const keys = () => app.get(EnrollmentKeysService);
  const enrollment = () => app.get(EnrollmentService);
  const verifier = () => app.get(AgentTokenVerifier);
  const db = () => app.get(DataSource);

  it("creates a server in the key's group with its tags, named after the host", async () => {
    const group = await app.get(GroupsService).create({ name: 'Enrolled' }, ctx);
    const { enrollmentKey, key } = await keys().create(
      { name: 'fleet', groupId: group.id, tags: ['ansible'] },
      ctx,
    );
    const r = ok(
      await enrollment().enroll({ key, hostname: 'node-1.example', machineId: 'm-1' }, '10.0.0.1'),
    );
    expect(r.reused).toBe(false);
    expect(r.server).toMatchObject({
      name: 'node-1.example',
      groupId: group.id,
      enrollmentKeyId: enrollmentKey.id,
      machineId: sha256Hex('m-1'),
    });
    expect(r.server.tags?.map((t) => t.tag)).toEqual(['ansible']);
    await expect(verifier().verify(r.server.id, r.token)).resolves.toMatchObject({ id: r.server.id });
    expect(await keys().get(enrollmentKey.id)).toMatchObject({ uses: 1, status: 'active' });
    const audit = await db()
      .getRepository(AuditLog)
      .findBy({ action: 'enrollment.use', targetId: enrollmentKey.id });
    expect(audit).toEqual([
      expect.objectContaining({
        outcome: 'success',
        actorType: 'agent',
        actorId: r.server.id,
        ip: '10.0.0.1',
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('re-enrolling a known machine reuses its server with a fresh token and no extra use', async () => {
    const { enrollmentKey, key } = await keys().create({ name: 'reuse', maxUses: 1 }, ctx);
    const first = ok(await enrollment().enroll({ key, hostname: 'h', machineId: 'same' }, null));
    await verifier().verify(first.server.id, first.token);
    const again = ok(await enrollment().enroll({ key, hostname: 'h', machineId: 'same' }, null));
    expect(again).toMatchObject({ reused: true, server: { id: first.server.id } });
    expect(again.token).not.toBe(first.token);
    await expect(verifier().verify(first.server.id, first.token)).resolves.toBeNull();
    await expect(verifier().verify(first.server.id, again.token)).resolves.toMatchObject({
      id: first.server.id,
    });
    expect(await keys().get(enrollmentKey.id)).toMatchObject({ uses: 1, status: 'exhausted' });
    // ...but a new machine is refused once the key is used up
    await expect(enrollment().enroll({ key, hostname: 'h2', machineId: 'other' }, null)).resolves.toEqual({
      ok: false,
      reason: 'exhausted',
    });
    expect(await db().getRepository(Server).countBy({ enrollmentKeyId: enrollmentKey.id })).toBe(1);
  });

  it('respects maxUses under concurrency', async () => {
    const { enrollmentKey, key } = await keys().create({ name: 'race', maxUses: 3 }, ctx);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        enrollment().enroll({ key, hostname: `r${i}`, machineId: `race-${i}` }, null),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.reason === 'exhausted')).toHaveLength(7);
    expect(await keys().get(enrollmentKey.id)).toMatchObject({ uses: 3 });
    expect(await db().getRepository(Server).countBy({ enrollmentKeyId: enrollmentKey.id })).toBe(3);
  });

  it('concurrent enrollments of one machine create one server', async () => {
    const { enrollmentKey, key } = await keys().create({ name: 'dup' }, ctx);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        enrollment().enroll({ key, hostname: 'dup', machineId: 'dup-machine' }, null),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db().getRepository(Server).countBy({ enrollmentKeyId: enrollmentKey.id })).toBe(1);
    expect(await keys().get(enrollmentKey.id)).toMatchObject({ uses: 1 });
  });

  it('refuses unknown, malformed, revoked and expired keys, and audits the failures', async () => {
    const unknown = 'hwe_' + 'A'.repeat(43);
    await expect(enrollment().enroll({ key: unknown, hostname: 'x', machineId: 'y' }, null)).resolves.toEqual(
      {
        ok: false,
        reason: 'unknown',
      },
    );
    await expect(
      enrollment().enroll({ key: 'garbage', hostname: 'x', machineId: 'y' }, null),
    ).resolves.toEqual({
      ok: false,
      reason: 'unknown',
    });
    const live = await keys().create({ name: 'to-revoke' }, ctx);
    await expect(enrollment().enroll({ key: live.key, hostname: 'x', machineId: '' }, null)).resolves.toEqual(
      {
        ok: false,
        reason: 'invalid',
      },
    );
    await keys().revoke(live.enrollmentKey.id, ctx);
    await expect(
      enrollment().enroll({ key: live.key, hostname: 'x', machineId: 'y' }, null),
    ).resolves.toEqual({
      ok: false,
      reason: 'revoked',
    });
    const expired = await keys().create({ name: 'old', expiresAt: new Date(Date.now() - 1000) }, ctx);
    await expect(
      enrollment().enroll({ key: expired.key, hostname: 'x', machineId: 'y' }, null),
    ).resolves.toEqual({
      ok: false,
      reason: 'expired',
    });
    const failures = await db()
      .getRepository(AuditLog)
      .findBy({ action: 'enrollment.use', outcome: 'failure' });
    expect(failures.length).toBeGreaterThanOrEqual(5);
    const dump = JSON.stringify(failures);
    for (const secret of [unknown, live.key, expired.key]) expect(dump).not.toContain(secret);
  });

  it('a key re-opened by an admin (new expiry, more uses) works again', async () => {
    const { enrollmentKey, key } = await keys().create({ name: 'reopen', maxUses: 1 }, ctx);
    ok(await enrollment().enroll({ key, hostname: 'a', machineId: 'reopen-a' }, null));
    expect((await enrollment().enroll({ key, hostname: 'b', machineId: 'reopen-b' }, null)).ok).toBe(false);
    await keys().update(enrollmentKey.id, { maxUses: 2 }, ctx);
    ok(await enrollment().enroll({ key, hostname: 'b', machineId: 'reopen-b' }, null));
  });
});
