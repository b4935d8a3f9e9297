import { describe, expect, it } from '@jest/globals';
import type { TerminalExitPayload } from '@hivewatch/protocol';
import { JsonLogger } from '../log/logger.js';
import { ProcessTable } from '../requests/process-table.js';
import { RequestRouter, type ResponsePayload } from '../requests/request-router.js';
import { SystemdClient } from '../systemd/systemd-client.js';
import { nodePtySpawner } from './pty-loader.js';
import { TerminalManager } from './terminal-manager.js';
import { DEFAULT_TERMINAL_OPTIONS } from './terminal-options.js';
import { createTerminalHandler } from './terminal-requests.js';

const noSystemd = new SystemdClient({
  runner: { run: () => Promise.reject(new Error('systemctl must not run in this test')) },
});

function router(capabilities: string[], manager?: TerminalManager): RequestRouter {
  return new RequestRouter({
    capabilities: new Set(capabilities as never[]),
    systemd: noSystemd,
    processes: new ProcessTable(),
    logger: new JsonLogger('silent'),
    applyConfig: () => undefined,
    terminal: manager ? createTerminalHandler(manager) : undefined,
  });
}

const ask = (r: RequestRouter, id: number, action: string, payload: unknown): Promise<ResponsePayload> =>
  r.handle({ id, action, payload }).response;

function realManager(exits: TerminalExitPayload[]): TerminalManager {
  return new TerminalManager(
    { ...DEFAULT_TERMINAL_OPTIONS, shellArgs: ['-c', 'exit 0'] },
    nodePtySpawner(),
    { output: () => undefined, exit: (payload) => exits.push(payload) },
    new JsonLogger('silent'),
  );
}

describe('terminal requests through the agent router', () => {
  it('refuses every terminal action when the host config did not enable `terminal`, whatever the hub sends', async () => {
    const exits: TerminalExitPayload[] = [];
    const manager = realManager(exits);
    const r = router(['exec'], manager);
    const refusal = { status: 'error', message: "capability 'terminal' is disabled on this host" };
    await expect(ask(r, 1, 'terminal-open', { sessionId: 't1', cols: 80, rows: 24 })).resolves.toEqual(
      refusal,
    );
    await expect(ask(r, 2, 'terminal-credit', { sessionId: 't1', bytes: 10 })).resolves.toEqual(refusal);
    expect(manager.size).toBe(0);
  });

  it('opens a PTY when enabled, and rejects out-of-range sizes and oversized input before any PTY exists', async () => {
    const exits: TerminalExitPayload[] = [];
    const manager = realManager(exits);
    const r = router(['terminal'], manager);
    const tooBig = await ask(r, 3, 'terminal-open', { sessionId: 't2', cols: 80, rows: 501 });
    expect(tooBig).toEqual({ status: 'error', message: 'invalid request: payload.rows: must be <= 500' });
    const input = Buffer.alloc(64 * 1024 + 1).toString('base64');
    const big = await ask(r, 4, 'terminal-input', { sessionId: 't2', data: input });
    expect(big).toEqual({
      status: 'error',
      message: 'invalid request: payload.data: must encode at most 65536 bytes',
    });
    await expect(ask(r, 5, 'terminal-open', { sessionId: 't2', cols: 80, rows: 24 })).resolves.toEqual({
      status: 'ok',
    });
    for (let i = 0; i < 100 && exits.length === 0; i++) await new Promise((done) => setTimeout(done, 20));
    expect(exits).toEqual([{ sessionId: 't2', exitCode: 0, signal: null, reason: 'exited' }]);
  });

  it('says "not implemented" when the capability is on but no terminal is wired (e.g. node-pty missing)', async () => {
    await expect(
      ask(router(['terminal']), 6, 'terminal-open', { sessionId: 't3', cols: 1, rows: 1 }),
    ).resolves.toEqual({
      status: 'error',
      message: "'terminal-open' is not implemented by this agent version",
    });
  });

  it('never caches keystrokes: the same id typed twice reaches the shell twice', () => {
    const r = router(['terminal']);
    expect(r.handle({ id: 7, action: 'terminal-input', payload: { sessionId: 'x', data: '' } }).cached).toBe(
      false,
    );
    expect(r.handle({ id: 7, action: 'terminal-input', payload: { sessionId: 'x', data: '' } }).cached).toBe(
      false,
    );
  });
});
