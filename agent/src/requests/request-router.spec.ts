import { describe, expect, it } from '@jest/globals';
import { JsonLogger } from '../log/logger.js';
import { WireMessage } from '@hivewatch/protocol';
import { ToolMissingError, type ToolRunner } from '../systemd/run-tool.js';
import { SystemdClient } from '../systemd/systemd-client.js';
import { ProcessTable } from './process-table.js';
import { RequestRouter, type ResponsePayload } from './request-router.js';

/** A systemctl that records calls and always succeeds (the real parsing is tested in systemd/). */
function recordingRunner(calls: string[][]): ToolRunner {
  return {
    run: (command, args) => {
      calls.push([command, ...args]);
      const stdout = args[0] === 'show' && args[1] === '--property=Version' ? '252\n' : '';
      return Promise.resolve({ code: 0, stdout, stderr: '' });
    },
  };
}

function router(capabilities: string[] = [], calls: string[][] = [], applied: unknown[] = []) {
  return new RequestRouter({
    capabilities: new Set(capabilities as never[]),
    systemd: new SystemdClient({ runner: recordingRunner(calls) }),
    processes: new ProcessTable(),
    logger: new JsonLogger('silent'),
    applyConfig: (update) => applied.push(update),
  });
}

const ask = (
  r: RequestRouter,
  id: number | null,
  action: string,
  payload: unknown,
): Promise<ResponsePayload> => r.handle({ id, action, payload }).response;

describe('RequestRouter', () => {
  it('refuses actions whose capability this host has not enabled, with the protocol message', async () => {
    const calls: string[][] = [];
    await expect(ask(router([], calls), 1, 'restart-service', { name: 'nginx' })).resolves.toEqual({
      status: 'error',
      message: "capability 'services-restart' is disabled on this host",
    });
    await expect(ask(router([], calls), 2, 'exec', { command: 'id' })).resolves.toEqual({
      status: 'error',
      message: "capability 'exec' is disabled on this host",
    });
    expect(calls.filter((c) => c[1] === 'restart')).toEqual([]);
  });

  it('restarts once per request id; a repeated id gets the cached answer', async () => {
    const calls: string[][] = [];
    const r = router(['services-restart'], calls);
    await expect(ask(r, 10, 'restart-service', { name: 'nginx' })).resolves.toEqual({ status: 'ok' });
    const again = r.handle({ id: 10, action: 'restart-service', payload: { name: 'nginx' } });
    expect(again.cached).toBe(true);
    await expect(again.response).resolves.toEqual({ status: 'ok' });
    expect(calls.filter((c) => c[1] === 'restart')).toEqual([['systemctl', 'restart', 'nginx']]);
  });

  it('validates payloads before running anything, and names unknown actions', async () => {
    const calls: string[][] = [];
    const r = router(['services-restart'], calls);
    const bad = await ask(r, 20, 'restart-service', { name: 'x; reboot' });
    expect(bad).toMatchObject({ status: 'error', message: expect.stringContaining('invalid request') });
    await expect(ask(r, 21, 'make-coffee', null)).resolves.toEqual({
      status: 'error',
      message: "Unknown action 'make-coffee'",
    });
    await expect(
      ask(r, 22, 'update-agent-config', { metricsInterval: 3601, watchlist: [] }),
    ).resolves.toMatchObject({
      status: 'error',
    });
    expect(calls).toEqual([]);
  });

  it('applies update-agent-config and answers get-process with a string pid', async () => {
    const applied: unknown[] = [];
    const r = router([], [], applied);
    await expect(
      ask(r, 30, 'update-agent-config', { metricsInterval: 0, watchlist: ['nginx'] }),
    ).resolves.toEqual({
      status: 'ok',
    });
    expect(applied).toEqual([{ metricsInterval: 0, watchlist: ['nginx'] }]);
    const one = await ask(r, 31, 'get-process', { pid: String(process.pid) });
    expect(one).toMatchObject({
      status: 'ok',
      data: { pid: process.pid, cmdline: expect.stringContaining('node') },
    });
    await expect(ask(r, 32, 'get-capabilities', null)).resolves.toMatchObject({
      status: 'ok',
      data: { capabilities: [], protocolVersion: 2 },
    });
  });

  it('answers every service request on a host without systemd with the protocol message', async () => {
    const noSystemctl: ToolRunner = { run: () => Promise.reject(new ToolMissingError('systemctl')) };
    const r = new RequestRouter({
      capabilities: new Set(['services-restart']),
      systemd: new SystemdClient({ runner: noSystemctl }),
      processes: new ProcessTable(),
      logger: new JsonLogger('silent'),
      applyConfig: () => undefined,
    });
    const refusal = { status: 'error', message: WireMessage.SystemdUnavailable, code: 'systemd-unavailable' };
    await expect(ask(r, 1, 'get-services', null)).resolves.toEqual(refusal);
    await expect(ask(r, 2, 'get-service', { name: 'nginx' })).resolves.toEqual(refusal);
    await expect(ask(r, 3, 'get-service-log', { name: 'nginx' })).resolves.toEqual(refusal);
    await expect(ask(r, 4, 'restart-service', { name: 'nginx' })).resolves.toEqual(refusal);
  });
});
