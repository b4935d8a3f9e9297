import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { TimeSource } from '../../agent/src/connection/time-source.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { RestartableHub } from '../support/agents/hub.js';
import { startRealAgent } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';

jest.setTimeout(240_000);

const MIN = 60_000;

/**
 * Agent time that starts `behindMs` in the past and runs `factor` times faster (timers too) until it
 * has caught up with the real clock, then runs at real speed: an hour-long outage in seconds.
 * While catching up, agent time moves only when one of its timers fires, by exactly that timer's
 * delay: a loaded machine that fires a timer late slows the catch-up down but never makes the
 * agent skip a sample.
 */
function acceleratedTime(behindMs: number, factor: number): TimeSource & { caughtUp(): boolean } {
  let virtual = Date.now() - behindMs;
  const caughtUp = () => virtual >= Date.now();
  const now = (): number => (caughtUp() ? Date.now() : virtual);
  return {
    now,
    setTimeout: (callback, ms) => {
      if (caughtUp()) return setTimeout(callback, ms);
      const due = virtual + ms;
      return setTimeout(
        () => {
          virtual = Math.max(virtual, due);
          callback();
        },
        Math.ceil(ms / factor),
      );
    },
    clearTimeout: (handle) => clearTimeout(handle),
    caughtUp,
  };
}

describe('our agent across hub restarts and outages', () => {
  const hub = new RestartableHub({ HIVEWATCH_RECORDS_FLUSH_SECONDS: '1' });
  let cookie: string;

  beforeAll(async () => {
    await hub.start();
    cookie = await signIn(hub as never);
  });
  afterAll(async () => {
    await hub.dispose();
  });

  const minutes = async (serverId: string, from: number, to: number) => {
    const res = await request(hub.url)
      .get(`/api/v1/servers/${serverId}/records?metrics=cpu&resolution=minute&from=${from}&to=${to}`)
      .set('Cookie', cookie)
      .expect(200);
    return new Set(
      (res.body.points as { t: number; cpu?: unknown }[]).filter((p) => p.cpu !== undefined).map((p) => p.t),
    );
  };

  it('reconnects after a hub restart and reports again', async () => {
    const server = await createServer(hub.url, cookie);
    const real = await startRealAgent(hub.url, { agentId: server.id, token: server.token });
    try {
      await eventually(() => real.agent.isAuthenticated, 20_000);
      await hub.stop();
      await eventually(() => !real.agent.isAuthenticated, 20_000);
      const seqAtStop = real.agent.outbox.lastSeq;
      await eventually(() => real.agent.outbox.lastSeq >= seqAtStop + 3, 20_000); // samples taken offline
      await hub.start();
      cookie = await signIn(hub as never);
      await eventually(() => real.agent.isAuthenticated, 30_000);
      const live = await eventuallyDefined(async () => {
        const res = await request(hub.url).get(`/api/v1/servers/${server.id}/live`).set('Cookie', cookie);
        return res.status === 200 ? (res.body as { serverId: string }) : undefined;
      }, 20_000);
      expect(live.serverId).toBe(server.id);
    } finally {
      real.stop();
    }
  });

  it('an hour-long outage (compressed) leaves no gap in the minute records', async () => {
    const server = await createServer(hub.url, cookie);
    await hub.stop();
    const behind = 50 * MIN;
    const time = acceleratedTime(behind, 400);
    const startedAt = Date.now() - behind;
    const real = await startRealAgent(
      hub.url,
      { agentId: server.id, token: server.token, metricsInterval: 5 },
      { time },
    );
    try {
      await eventually(() => time.caughtUp(), 60_000, 100);
      // 50 minutes at one sample per 5 s, all kept while the hub was away.
      expect(real.agent.outbox.size).toBeGreaterThanOrEqual(590);
      expect(real.agent.isAuthenticated).toBe(false);
      await hub.start();
      cookie = await signIn(hub as never);
      const first = Math.floor(startedAt / MIN) * MIN + MIN;
      const last = Math.floor(Date.now() / MIN) * MIN - MIN;
      const expected: number[] = [];
      for (let t = first; t <= last; t += MIN) expected.push(t);
      const stored = await eventuallyDefined(
        async () => {
          const have = await minutes(server.id, first, last + MIN - 1);
          return expected.every((t) => have.has(t)) ? have : undefined;
        },
        90_000,
        500,
      );
      expect(expected.filter((t) => !stored.has(t))).toEqual([]);
      expect(expected.length).toBeGreaterThanOrEqual(48);
      // Everything was acknowledged once written: the ring empties.
      await eventually(() => real.agent.outbox.size < 30, 90_000, 500);
    } finally {
      real.stop();
    }
  });

  it('two agents whose state files share a folder each send only their own samples', async () => {
    const a = await createServer(hub.url, cookie);
    const b = await createServer(hub.url, cookie);
    const shared = fs.mkdtempSync(path.join(hub.dataDir, 'shared-state-'));
    const stateA = path.join(shared, 'a.json');
    // Agent A ran ten minutes ago while the hub was away, and stopped with its samples unsent.
    await hub.stop();
    const tenMinutesAgo: TimeSource = {
      now: () => Date.now() - 10 * MIN,
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle),
    };
    const first = await startRealAgent(
      hub.url,
      { agentId: a.id, token: a.token, stateFile: stateA },
      { time: tenMinutesAgo },
    );
    await eventually(() => first.agent.outbox.size >= 3, 20_000);
    first.stop();
    await hub.start();
    cookie = await signIn(hub as never);

    // Agent B, state file in the same folder, starts now: A's samples are not B's to send.
    const startedAt = Date.now();
    const second = await startRealAgent(hub.url, {
      agentId: b.id,
      token: b.token,
      stateFile: path.join(shared, 'b.json'),
    });
    try {
      await eventually(() => second.agent.isAuthenticated && second.agent.outbox.lastSeq >= 3, 20_000);
      const pending = second.agent.outbox.after(0, 10_000).map((e) => e.timestamp);
      expect(pending.filter((t) => t < startedAt - MIN)).toEqual([]);
    } finally {
      second.stop();
    }

    // A, back, still has its own samples and delivers them as A's.
    const again = await startRealAgent(hub.url, { agentId: a.id, token: a.token, stateFile: stateA });
    try {
      await eventuallyDefined(
        async () => {
          const have = await minutes(a.id, startedAt - 12 * MIN, startedAt - 8 * MIN);
          return have.size > 0 ? have : undefined;
        },
        30_000,
        250,
      );
    } finally {
      again.stop();
    }
    // B talked to the hub before A's samples were stored as A's: none of them became B's.
    const early = await minutes(b.id, startedAt - 20 * MIN, Math.floor(startedAt / MIN) * MIN - 1);
    expect([...early]).toEqual([]);
  });

  it('enrolls with a key, stores agent_id + token (0600), and re-enrolling the same machine re-uses the server', async () => {
    const key = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'e2e agents' })
      .expect(201);
    const enrollmentKey = key.body.key as string;
    const dir = fs.mkdtempSync(path.join(hub.dataDir, 'agent-'));
    const machineIdFile = path.join(dir, 'machine-id');
    fs.writeFileSync(machineIdFile, `${Math.random().toString(16).slice(2)}\n`);
    const first = await startRealAgent(hub.url, { enrollmentKey, machineIdFile }, { dir });
    await eventually(() => first.agent.isAuthenticated, 20_000);
    first.stop();
    const stateFile = path.join(dir, 'state', 'state.json');
    expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    expect(state).toMatchObject({ agentId: first.agent.serverId, token: expect.any(String) });
    expect(JSON.stringify(state)).not.toContain(enrollmentKey);

    // Restarted with the stored credentials (no key needed any more).
    const again = await startRealAgent(hub.url, { machineIdFile }, { dir });
    await eventually(() => again.agent.isAuthenticated, 20_000);
    expect(again.agent.serverId).toBe(state.agentId);
    again.stop();

    // State lost, same host, same key: the same server record, not a duplicate.
    fs.rmSync(path.join(dir, 'state'), { recursive: true });
    const reenrolled = await startRealAgent(hub.url, { enrollmentKey, machineIdFile }, { dir });
    await eventually(() => reenrolled.agent.isAuthenticated, 20_000);
    expect(reenrolled.agent.serverId).toBe(state.agentId);
    reenrolled.stop();
    const servers = await request(hub.url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
    const list = (Array.isArray(servers.body) ? servers.body : servers.body.items) as { id: string }[];
    expect(list.filter((s) => s.id === state.agentId)).toHaveLength(1);
  });
});
