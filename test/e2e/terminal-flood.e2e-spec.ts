import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { liveSampleSchema, type LiveSample } from '@hivewatch/protocol';
import { collect, endPasted, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventually, sleep } from '../support/agents/fixtures.js';
import { HUB_PROCESS_ADMIN, startHubProcess, type HubProcess } from '../support/hub-process.js';
import { buildAgentBundle } from './support/terminal-harness.js';
import { SeqChecker, TerminalReader } from './support/terminal-reader.js';

jest.setTimeout(240_000);

const LINES = 3_000_000; // `seq 1 3000000`: 20.9 MB of output, checkable line by line
const SLOW_MS = 10_000; // the browser first reads 128 KiB/s …
const SLOW_BYTES_PER_TICK = 12_800;
const TICK_MS = 100;

/**
 * The flood test of issue 14: the built hub in its own process, the real agent (its bundle) with
 * the `terminal` capability, and a browser-side socket that grants credit slowly while the shell
 * prints 20.9 MB. The same agent's metric samples must keep arriving (each within 1 s of being
 * taken, none more than 2 s after the previous one), the hub's memory must stay bounded, and when
 * the browser catches up every line must be there, in order — and in the session's recording.
 */
describe('terminal flood', () => {
  let hub: HubProcess;
  let agent: RunningProcess;
  let work: string;
  let cookie: string;
  let serverId: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-flood-'));
    const bundle = buildAgentBundle(work);
    hub = await startHubProcess();
    const login = await request(hub.url).post('/api/v1/auth/login').send(HUB_PROCESS_ADMIN).expect(200);
    cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('hw_session='))!
      .split(';')[0]!;
    const created = await request(hub.url)
      .post('/api/v1/servers')
      .set('Cookie', cookie)
      .send({ name: 'flood' })
      .expect(201);
    serverId = created.body.server.id as string;
    const tokenFile = path.join(work, 'agent.token');
    fs.writeFileSync(tokenFile, `${created.body.token as string}\n`, { mode: 0o600 });
    fs.writeFileSync(
      path.join(work, 'agent.json'),
      JSON.stringify({ capabilities: ['terminal'], terminal: { shell: '/bin/bash' } }),
    );
    const env = {
      ...process.env,
      HIVEWATCH_AGENT_CONFIG: path.join(work, 'agent.json'),
      HIVEWATCH_AGENT_STATE_FILE: path.join(work, 'state', 'state.json'),
      HIVEWATCH_AGENT_INTERVAL: '1',
      HIVEWATCH_AGENT_TOKEN: '',
      NODE_PATH: path.resolve('node_modules'),
    };
    const args = [bundle, '--hub', hub.url, '--id', serverId, '--token-file', tokenFile];
    agent = collect(spawn(process.execPath, args, { env, stdio: 'pipe' }));
    await eventually(async () => {
      const res = await request(hub.url).get(`/api/v1/servers/${serverId}`).set('Cookie', cookie);
      return (res.body as { capabilities?: string[] | null }).capabilities?.includes('terminal') || undefined;
    }, 30_000).catch(() => {
      throw new Error(`the agent did not connect:\n${agent.output()}\n${hub.output()}`);
    });
  });
  afterAll(async () => {
    if (agent) await endPasted(agent);
    await hub?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('keeps metrics flowing and memory bounded while a slow browser floods; output complete and in order', async () => {
    // Recorded, too: the recording's disk writes must not hold the relay back either.
    await request(hub.url)
      .put('/api/v1/terminal/settings')
      .set('Cookie', cookie)
      .send({ recording: true, maxSessionsPerServer: 4, maxSessionsPerUser: 8 })
      .expect(200);
    const ticket = await request(hub.url)
      .post(`/api/v1/servers/${serverId}/terminal/tickets`)
      .set('Cookie', cookie)
      .expect(201);
    const seq = new SeqChecker();
    const term = await TerminalReader.open(
      hub.url,
      { cookie, origin: hub.url },
      { ticket: ticket.body.ticket as string, cols: 120, rows: 40 },
      (text) => seq.push(text),
    );

    // Watch the same agent's samples and the hub's memory for the whole flood.
    const samples = new Map<number, LiveSample>();
    const baselineRss = hub.rssMb();
    let peakRss = baselineRss;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        peakRss = Math.max(peakRss, hub.rssMb());
        const res = await request(hub.url).get(`/api/v1/servers/${serverId}/live`).set('Cookie', cookie);
        if (res.status === 200) {
          const sample = liveSampleSchema.parse(res.body);
          samples.set(sample.time, sample);
        }
        await sleep(200);
      }
    })();

    const floodStart = Date.now();
    term.type(`printf 'BEG''IN\\n'; seq 1 ${LINES}; printf 'E''ND\\n'\r`);
    // Slow phase: a browser that reads 128 KiB/s holds the shell back.
    while (Date.now() - floodStart < SLOW_MS) {
      term.consume(SLOW_BYTES_PER_TICK);
      await sleep(TICK_MS);
    }
    const slowConsumed = term.consumed;
    const peakQueuedWhileSlow = term.peakQueued;
    // Catch-up: read everything as it comes.
    const caughtUp = Date.now();
    while (!seq.ended && !seq.error && Date.now() - caughtUp < 150_000) {
      term.consume();
      await sleep(5);
    }
    const floodEnd = Date.now();
    watching = false;
    await watch;
    term.ws.close();

    const during = [...samples.values()].filter(
      (s) => s.receivedAt >= floodStart && s.receivedAt <= floodEnd,
    );
    const delays = during.map((s) => s.receivedAt - s.time);
    const arrivals = during.map((s) => s.receivedAt).sort((a, b) => a - b);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    const report = {
      lines: seq.next - 1,
      bytes: term.consumed,
      floodSeconds: (floodEnd - floodStart) / 1000,
      slowPhaseBytes: slowConsumed,
      catchUpMBps: (term.consumed - slowConsumed) / 1e6 / ((floodEnd - caughtUp) / 1000),
      peakUnreadInBrowserKiB: Math.round(peakQueuedWhileSlow / 1024),
      samples: during.length,
      maxSampleDelayMs: Math.max(...delays),
      maxSampleGapMs: Math.max(...gaps),
      hubRssMiB: { baseline: Math.round(baselineRss), peak: Math.round(peakRss) },
    };
    console.log(`terminal flood: ${JSON.stringify(report)}`);

    // Complete and in order.
    expect(seq.error).toBeNull();
    expect(seq.ended).toBe(true);
    expect(seq.next - 1).toBe(LINES);
    // The slow browser held the shell back: it was never sent much more than its credit.
    expect(slowConsumed).toBeLessThanOrEqual((SLOW_MS / TICK_MS + 1) * SLOW_BYTES_PER_TICK);
    expect(peakQueuedWhileSlow).toBeLessThanOrEqual(256 * 1024 + SLOW_BYTES_PER_TICK * 2);
    // The same agent's metrics kept arriving, on time, all along.
    expect(during.length).toBeGreaterThanOrEqual(Math.floor((floodEnd - floodStart) / 1000) - 2);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2000);
    // The hub relays, it does not hoard: 20.9 MB went through, memory grew far less.
    expect(peakRss - baselineRss).toBeLessThan(100);

    // The recording holds the same output, complete and in order.
    const sessionId = ticket.body.sessionId as string;
    const row = await eventually(async () => {
      const res = await request(hub.url).get('/api/v1/terminal/sessions?live=false').set('Cookie', cookie);
      return (res.body as { id: string; recordingBytes: number | null }[]).find((r) => r.id === sessionId);
    }, 20_000);
    const cast = await request(hub.url)
      .get(`/api/v1/terminal/sessions/${sessionId}/recording`)
      .set('Cookie', cookie)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const file = cast.body as Buffer;
    expect(file.length).toBe(row?.recordingBytes);
    const recorded = new SeqChecker();
    for (const line of file.toString('utf8').trimEnd().split('\n').slice(1)) {
      const [, code, text] = JSON.parse(line) as [number, string, string];
      if (code === 'o') recorded.push(text);
    }
    expect(recorded.error).toBeNull();
    expect(recorded.next - 1).toBe(LINES);
    expect(recorded.ended).toBe(true);
  });
});
