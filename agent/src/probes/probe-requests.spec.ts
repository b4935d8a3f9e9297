import { describe, expect, it } from '@jest/globals';
import type { PingResultPayload } from '@hivewatch/protocol';
import { removeCapabilitiesNotIn } from '../capability-reload.js';
import { JsonLogger } from '../log/logger.js';
import { ProcessTable } from '../requests/process-table.js';
import { RequestRouter } from '../requests/request-router.js';
import { SystemdClient } from '../systemd/systemd-client.js';
import { ProbeModule } from './probe-module.js';

const logger = new JsonLogger('silent');
const task = { id: 'p1', probe: 'tcp', target: '127.0.0.1:1', intervalSeconds: 10, timeoutMs: 500 };

function setup(capabilities: string[]) {
  const sent: PingResultPayload[] = [];
  const probes = new ProbeModule({ logger, send: (p) => sent.push(p) > 0, pingPath: null });
  const set = new Set(capabilities as never[]);
  const router = new RequestRouter({
    capabilities: set,
    systemd: new SystemdClient({
      runner: { run: () => Promise.resolve({ code: 0, stdout: '', stderr: '' }) },
    }),
    processes: new ProcessTable(),
    logger,
    applyConfig: () => undefined,
    probes: (request) => probes.sync(request),
  });
  const ask = (id: number, payload: unknown) =>
    router.handle({ id, action: 'ping-tasks-sync', payload }).response;
  return { probes, set, ask };
}

describe('ping-tasks-sync through the request router', () => {
  it('is refused without the ping capability', async () => {
    const { probes, ask } = setup([]);
    await expect(ask(1, { tasks: [task] })).resolves.toEqual({
      status: 'error',
      message: "capability 'ping' is disabled on this host",
    });
    expect(probes.tasks).toBe(0);
  });

  it('replaces the task set and says how ICMP runs here', async () => {
    const { probes, ask } = setup(['ping']);
    await expect(ask(1, { tasks: [task] })).resolves.toEqual({
      status: 'ok',
      data: { tasks: 1, started: 1, restarted: 0, stopped: 0, unchanged: 0, icmp: 'tcp-fallback' },
    });
    expect(probes.tasks).toBe(1);
    await expect(ask(2, { tasks: [] })).resolves.toMatchObject({ status: 'ok', data: { stopped: 1 } });
    expect(probes.tasks).toBe(0);
  });

  it('refuses an invalid set (e.g. an interval under 10 s) without touching the running one', async () => {
    const { probes, ask } = setup(['ping']);
    await ask(1, { tasks: [task] });
    const refused = await ask(2, { tasks: [{ ...task, intervalSeconds: 1 }] });
    expect(refused).toMatchObject({ status: 'error' });
    expect(probes.tasks).toBe(1);
    probes.stop();
  });

  it('removing ping at run time (SIGHUP) stops every probe', async () => {
    const { probes, set, ask } = setup(['ping']);
    await ask(1, { tasks: [task, { ...task, id: 'p2' }] });
    removeCapabilitiesNotIn([], {
      capabilities: set,
      terminal: undefined,
      probes,
      logger,
      reconnect: () => undefined,
    });
    expect(probes.tasks).toBe(0);
    await expect(ask(2, { tasks: [task] })).resolves.toMatchObject({ status: 'error' });
  });
});
