import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { sharedAgentExecutable } from '../support/agent-artifacts.js';
import { endPasted, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventually, sleep } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { HubEvents } from '../../src/common/events/hub-events.js';
import { TerminalRelays } from '../../src/terminal/relay/terminal-relays.js';
import { openTerminal, processesOf, sessionOf, startAgent, ticketFor } from './support/terminal-harness.js';

// The first suite to need the executable builds it (shared by the suites, about a minute).
jest.setTimeout(300_000);

/**
 * The terminal end to end: a real hub, the real agent as shipped (this machine's single executable,
 * which carries node-pty) with the `terminal` capability and a 3 s idle timeout, and a WebSocket opened as the
 * console opens it. Refusals are in terminal-refusals.e2e-spec.ts.
 */
describe('terminal relay', () => {
  let hub: TestApp;
  let admin: string;
  let work: string;
  let serverId: string;
  let agent: RunningProcess;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-terminal-'));
    const executable = sharedAgentExecutable();
    hub = await startTestApp({ HIVEWATCH_LIVE_AUTH_RECHECK_SECONDS: '1' });
    admin = await signIn(hub);
    ({ serverId, agent } = await startAgent(hub, admin, executable, work, 'term-host', {
      capabilities: ['terminal'],
      terminal: { shell: '/bin/bash', idleTimeoutSeconds: 3 },
    }));
  });
  afterAll(async () => {
    if (agent) await endPasted(agent);
    await hub?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('round-trips keystrokes, resizes, ends at the idle timeout and leaves no process behind', async () => {
    const { ticket, sessionId } = await ticketFor(hub, admin, serverId);
    const term = await openTerminal(hub, admin, ticket, { cols: 100, rows: 30 });
    expect(await term.ready()).toEqual({ type: 'ready', sessionId });

    const marker = `hw-${Math.floor(Math.random() * 1e9)}`;
    // The shell computes the second half: only a shell that ran the line prints it.
    term.type(`sleep 1000 & echo ${marker}-$((6*7))-$$\r`);
    const [, pid] = await term.waitFor(new RegExp(`${marker}-42-(\\d+)`));
    const shell = sessionOf(Number(pid));
    expect(shell).toBeDefined();

    term.client.send({ type: 'resize', cols: 120, rows: 40 });
    term.type('stty size\r');
    await term.waitFor(/\r40 120\r\n/);
    // Out of range is clamped by the hub, not refused.
    term.client.send({ type: 'resize', cols: 100_000, rows: 0 });
    term.type('stty size\r');
    await term.waitFor(/\r1 1000\r\n/);
    term.client.send({ type: 'credit', bytes: 65_536 });

    // No byte either way for 3 s: the agent ends it.
    const exit = await term.exit(15_000);
    expect(exit).toMatchObject({ type: 'exit', reason: 'idle-timeout' });
    expect((await term.client.closed).code).toBe(1000);
    const left = await eventually(() => {
      const found = processesOf(shell!.pgid, shell!.sid);
      return found.length === 0 ? found : undefined;
    }, 5_000).catch(() => processesOf(shell!.pgid, shell!.sid));
    expect(left).toEqual([]);
    expect(hub.app.get(TerminalRelays).has(sessionId)).toBe(false);

    interface Row {
      reason: string;
      bytesIn: number;
      bytesOut: number;
      userName: string;
    }
    const row = await eventuallyDefined(async () => {
      const rows: Row[] = await hub.app
        .get(DataSource)
        .query(`SELECT * FROM terminal_sessions WHERE id = ? AND "endedAt" IS NOT NULL`, [sessionId]);
      return rows[0];
    });
    expect(row).toMatchObject({ reason: 'idle-timeout', userName: 'admin' });
    expect(Number(row.bytesIn)).toBeGreaterThan(20);
    expect(Number(row.bytesOut)).toBeGreaterThan(20);
  });

  it('ends an open terminal when its user signs out', async () => {
    const cookie = await signIn(hub);
    const { ticket } = await ticketFor(hub, cookie, serverId);
    const term = await openTerminal(hub, cookie, ticket);
    expect((await term.ready()).type).toBe('ready');
    await fetch(`${hub.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: hub.url },
    });
    expect(await term.exit(10_000)).toMatchObject({ reason: 'signed-out' });
    expect((await term.client.closed).code).toBe(4401);
  });

  it('ends the terminals of a user who loses their rights at once, not at the next session re-check', async () => {
    const users = (await fetch(`${hub.url}/api/v1/users`, { headers: { Cookie: admin } }).then((r) =>
      r.json(),
    )) as { id: string; username: string }[];
    const me = users.find((u) => u.username === 'admin')!;
    const { ticket } = await ticketFor(hub, admin, serverId);
    const term = await openTerminal(hub, admin, ticket);
    expect((await term.ready()).type).toBe('ready');
    // The event alone (the console session stays valid, so the re-check would keep the terminal).
    hub.app.get(HubEvents).emit('user.rights-lost', { userId: me.id, reason: 'demoted' });
    expect(await term.exit(5_000)).toMatchObject({ reason: 'signed-out' });
  });

  it('ends a session from the registry (Administration → Sessions) and when the browser goes away', async () => {
    const relays = hub.app.get(TerminalRelays);
    const first = await ticketFor(hub, admin, serverId);
    const term = await openTerminal(hub, admin, first.ticket);
    expect((await term.ready()).type).toBe('ready');
    expect(relays.end(first.sessionId)).toBe(true);
    expect(await term.exit()).toMatchObject({ reason: 'user' });

    const second = await ticketFor(hub, admin, serverId);
    const gone = await openTerminal(hub, admin, second.ticket);
    expect((await gone.ready()).type).toBe('ready');
    gone.type('echo $$\r');
    const [, pid] = await gone.waitFor(/\r(\d+)\r\n/);
    const shell = sessionOf(Number(pid))!;
    gone.client.ws.terminate();
    await eventually(() => !relays.has(second.sessionId));
    await eventually(() => processesOf(shell.pgid, shell.sid).length === 0, 5_000);
  });

  it('holds output at the credit window until the browser grants more', async () => {
    const { ticket, sessionId } = await ticketFor(hub, admin, serverId);
    const term = await openTerminal(hub, admin, ticket);
    expect((await term.ready()).type).toBe('ready');
    const total = 2_000_000;
    term.type(`head -c ${total} /dev/zero | tr '\\0' x; echo; echo DONE-$((40+2))\r`);
    await sleep(1_500);
    const held = term.outputBytes;
    // The default window (256 KiB) and the echoed command line; the rest waits on the host.
    expect(held).toBeGreaterThan(200_000);
    expect(held).toBeLessThan(256 * 1024 + 1024);
    expect(term.output).not.toContain('DONE-42');

    // Grant as xterm.js does: the bytes rendered so far.
    const started = Date.now();
    let granted = 0;
    await eventually(
      () => {
        const received = term.outputBytes;
        if (received > granted) {
          term.client.send({ type: 'credit', bytes: Math.min(received - granted, 4 * 1024 * 1024) });
          granted = received;
        }
        return term.output.includes('DONE-42');
      },
      30_000,
      10,
    );
    const seconds = (Date.now() - started) / 1000;
    const runs = term.output.match(/x{100,}/g) ?? [];
    expect(runs.reduce((sum, run) => sum + run.length, 0)).toBe(total);
    process.stdout.write(
      `terminal relay: ${total} bytes of output through the credit window in ${seconds.toFixed(2)} s\n`,
    );
    // Administration → Sessions shows a live session's figures so far, not zero until it ends.
    const live = (await fetch(`${hub.url}/api/v1/terminal/sessions?live=true&serverId=${serverId}`, {
      headers: { Cookie: admin },
    }).then((r) => r.json())) as { id: string; bytesIn: number; bytesOut: number }[];
    const mine = live.find((row) => row.id === sessionId)!;
    expect(mine.bytesOut).toBeGreaterThanOrEqual(total);
    expect(mine.bytesIn).toBeGreaterThan(20);
    term.client.send({ type: 'close' });
    expect(await term.exit()).toMatchObject({ reason: 'user' });
  });

  it('closes the session of a browser that grants credit but stops reading', async () => {
    const relays = hub.app.get(TerminalRelays);
    const { ticket, sessionId } = await ticketFor(hub, admin, serverId);
    const term = await openTerminal(hub, admin, ticket);
    expect((await term.ready()).type).toBe('ready');
    const socket = (term.client.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.pause();
    term.type(`head -c 200000000 /dev/zero | tr '\\0' x\r`);
    const flood = setInterval(() => term.client.send({ type: 'credit', bytes: 4 * 1024 * 1024 }), 20);
    try {
      await eventually(() => !relays.has(sessionId), 60_000, 100);
    } finally {
      clearInterval(flood);
      socket.resume();
    }
    const closed = await term.client.closed;
    expect(closed).toEqual({ code: 1008, reason: 'the browser stopped reading its terminal' });
  });

  it('tells the browser when the agent goes away', async () => {
    const { ticket } = await ticketFor(hub, admin, serverId);
    const term = await openTerminal(hub, admin, ticket);
    expect((await term.ready()).type).toBe('ready');
    agent.child.kill('SIGKILL');
    expect(await term.exit()).toMatchObject({ reason: 'hub-gone' });
  });
});
