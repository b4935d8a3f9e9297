import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PingTask } from '@hivewatch/protocol';
import { closedPort } from './probe-servers.spec-helper.js';
import { runProbe } from './run-probe.js';

const tcp = (target: string, timeoutMs = 2000): PingTask => ({
  id: 't',
  probe: 'tcp',
  target,
  intervalSeconds: 60,
  timeoutMs,
});

describe('TCP probe (real sockets on 127.0.0.1)', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is up when the port accepts, with the connect time as latency', async () => {
    const result = await runProbe(tcp(`127.0.0.1:${port}`), undefined);
    expect(result).toMatchObject({ success: true, error: null, method: 'tcp' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it('is down on a closed port, saying why', async () => {
    const result = await runProbe(tcp(`127.0.0.1:${await closedPort()}`), undefined);
    expect(result).toMatchObject({ success: false, latencyMs: null, method: 'tcp' });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });

  it('refuses a malformed target without touching the network', async () => {
    expect(await runProbe(tcp('-f:80'), undefined)).toMatchObject({ success: false, method: 'tcp' });
  });

  it('ICMP without ping falls back to TCP 443/80 and says ICMP is not available', async () => {
    const task: PingTask = {
      id: 'i',
      probe: 'icmp',
      target: '127.0.0.1',
      intervalSeconds: 60,
      timeoutMs: 500,
    };
    const result = await runProbe(task, undefined);
    expect(result.method).toBe('tcp-fallback');
    if (!result.success) expect(result.error).toMatch(/ICMP is not available/);
  });
});
