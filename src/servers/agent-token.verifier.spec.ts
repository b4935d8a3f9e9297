import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Repository } from 'typeorm';
import { generateAgentToken, generateTokenPrefix, hashAgentToken } from './agent-token.js';
import { AgentTokenVerifier, type TokenRevocation } from './agent-token.verifier.js';
import type { Server } from './server.entity.js';

/** An in-memory stand-in for the servers repository that records how it was queried. */
class FakeServers {
  readonly rows = new Map<string, Server>();
  readonly lookups: ('id' | 'prefix')[] = [];

  findOneBy(where: { id?: string; tokenPrefix?: string }): Promise<Server | null> {
    if (where.id !== undefined) {
      this.lookups.push('id');
      return Promise.resolve(this.rows.get(where.id) ?? null);
    }
    this.lookups.push('prefix');
    return Promise.resolve([...this.rows.values()].find((s) => s.tokenPrefix === where.tokenPrefix) ?? null);
  }

  update(): Promise<void> {
    return Promise.resolve();
  }

  async add(id: string): Promise<{ server: Server; token: string }> {
    const prefix = generateTokenPrefix();
    const token = generateAgentToken(prefix);
    const server = {
      id,
      tokenPrefix: prefix,
      tokenHash: await hashAgentToken(token),
      tokenRotatedAt: new Date(1_700_000_000_000),
    } as Server;
    this.rows.set(id, server);
    return { server, token };
  }

  async rotate(id: string): Promise<string> {
    const s = this.rows.get(id)!;
    const prefix = generateTokenPrefix();
    const token = generateAgentToken(prefix);
    s.tokenPrefix = prefix;
    s.tokenHash = await hashAgentToken(token);
    s.tokenRotatedAt = new Date(s.tokenRotatedAt.getTime() + 1000);
    return token;
  }
}

describe('AgentTokenVerifier', () => {
  let repo: FakeServers;
  let verifier: AgentTokenVerifier;

  beforeEach(() => {
    repo = new FakeServers();
    verifier = new AgentTokenVerifier(repo as unknown as Repository<Server>);
  });

  it('finds the server by the token prefix alone (simple dialect) and by id + token (envelope)', async () => {
    const { server, token } = await repo.add('s1');
    await expect(verifier.verify(null, token)).resolves.toBe(server);
    verifier.clearCache();
    await expect(verifier.verify('s1', token)).resolves.toBe(server);
  });

  it('serves a repeated verification from the cache: a primary-key read, no prefix lookup', async () => {
    const { token } = await repo.add('s1');
    await verifier.verify('s1', token);
    expect(repo.lookups).toEqual(['prefix']);
    expect(verifier.cachedCount).toBe(1);
    await expect(verifier.verify('s1', token)).resolves.toMatchObject({ id: 's1' });
    await expect(verifier.verify(null, token)).resolves.toMatchObject({ id: 's1' });
    expect(repo.lookups).toEqual(['prefix', 'id', 'id']);
  });

  it('never caches a wrong token', async () => {
    const { server } = await repo.add('s1');
    const wrong = generateAgentToken(server.tokenPrefix);
    await expect(verifier.verify('s1', wrong)).resolves.toBeNull();
    await expect(verifier.verify(null, wrong)).resolves.toBeNull();
    expect(verifier.cachedCount).toBe(0);
    expect(repo.lookups).toEqual(['prefix', 'prefix']);
  });

  it('rejects malformed tokens without touching the database', async () => {
    await expect(verifier.verify(null, 'not-a-token')).resolves.toBeNull();
    await expect(verifier.verify(null, '')).resolves.toBeNull();
    expect(repo.lookups).toEqual([]);
  });

  it('rejects a token for an unknown prefix', async () => {
    await repo.add('s1');
    await expect(verifier.verify(null, generateAgentToken())).resolves.toBeNull();
    expect(verifier.cachedCount).toBe(0);
  });

  it("rejects a valid token presented with another server's id, cold and warm", async () => {
    const { token } = await repo.add('s1');
    await repo.add('s2');
    await expect(verifier.verify('s2', token)).resolves.toBeNull();
    expect(verifier.cachedCount).toBe(0);
    await verifier.verify('s1', token);
    await expect(verifier.verify('s2', token)).resolves.toBeNull();
  });

  it('ends the old token on invalidate (rotation) and announces it', async () => {
    const { token } = await repo.add('s1');
    const revocations: TokenRevocation[] = [];
    const sub = verifier.revocations$.subscribe((r) => revocations.push(r));
    await verifier.verify('s1', token);
    const fresh = await repo.rotate('s1');
    verifier.invalidate('s1', 'rotated');
    sub.unsubscribe();
    expect(verifier.cachedCount).toBe(0);
    expect(revocations).toEqual([{ serverId: 's1', reason: 'rotated' }]);
    await expect(verifier.verify('s1', token)).resolves.toBeNull();
    await expect(verifier.verify('s1', fresh)).resolves.toMatchObject({ id: 's1' });
  });

  it('notices a rotation made elsewhere (another hub instance) even without invalidate', async () => {
    const { token } = await repo.add('s1');
    await verifier.verify('s1', token);
    const fresh = await repo.rotate('s1');
    await expect(verifier.verify('s1', token)).resolves.toBeNull();
    expect(verifier.cachedCount).toBe(0);
    await expect(verifier.verify(null, fresh)).resolves.toMatchObject({ id: 's1' });
  });

  it('rejects a cached token once its server is deleted', async () => {
    const { token } = await repo.add('s1');
    await verifier.verify('s1', token);
    repo.rows.delete('s1');
    await expect(verifier.verify('s1', token)).resolves.toBeNull();
    expect(verifier.cachedCount).toBe(0);
  });
});
