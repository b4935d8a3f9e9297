import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseListUnits, showTimestamp } from './parse.js';
import { ExecFileRunner, type ToolRunner } from './run-tool.js';
import { ServiceError, SystemdClient } from './systemd-client.js';

const FIXTURES = path.resolve('agent/test-fixtures/systemd');

describe('SystemdClient against recorded Debian 12 output (fake tools first on PATH)', () => {
  let dir: string;
  let log: string;
  const client = (down = false) =>
    new SystemdClient({
      runner: new ExecFileRunner({
        ...process.env,
        PATH: `${FIXTURES}/bin:${process.env.PATH ?? ''}`,
        HIVEWATCH_FAKE_SYSTEMD_LOG: log,
        HIVEWATCH_FAKE_SYSTEMD_DOWN: down ? '1' : '0',
      }),
      now: () => Date.parse('2024-11-18T09:12:03Z'),
    });
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-systemd-'));
    log = path.join(dir, 'calls.log');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists services with their states, names without .service', async () => {
    const services = await client().listServices();
    expect(services).toHaveLength(28);
    expect(services).toContainEqual({
      name: 'postgresql@15-main',
      activeState: 'active',
      subState: 'running',
    });
    expect(services).toContainEqual({ name: 'auditd', activeState: 'inactive', subState: 'dead' });
  });

  it('details one service: main PID, CPU since start, memory in MB, times, restart policy', async () => {
    await expect(client().service('nginx')).resolves.toEqual({
      name: 'nginx',
      activeState: 'active',
      subState: 'running',
      mainPID: 812,
      cpuUsagePercent: 0, // 1.284 s of CPU over one day
      memoryUsage: 9.02,
      startTime: '2024-11-17T09:12:03.000Z',
      exitTime: null,
      restart: 'on-failure',
    });
    await expect(client().service('redis-server')).resolves.toMatchObject({
      mainPID: null,
      memoryUsage: null,
      cpuUsagePercent: null,
      exitTime: '2024-11-17T09:18:22.000Z',
      restart: 'always',
    });
    await expect(client().service('nope')).rejects.toThrow('Unit nope.service could not be found.');
  });

  it('reads the journal as "timestamp message" lines, binary messages decoded', async () => {
    const lines = await client().log('nginx');
    expect(lines[0]).toEqual({
      log: '2024-11-17T09:12:02.991Z Starting nginx.service - A high performance web server and a reverse proxy server...',
    });
    expect(lines[2]!.log).toMatch(/^2024-11-17T23:28:21\.070Z nginx: warn \uFFFD byte$/);
  });

  it('restarts by name as one argument; names with shell characters never reach a process', async () => {
    await client().restart('nginx');
    await expect(client().restart('nginx; rm -rf /')).rejects.toThrow(ServiceError);
    await expect(client().restart('$(reboot)')).rejects.toThrow("invalid service name '$(reboot)'");
    await expect(client().restart('-H')).rejects.toThrow(ServiceError);
    const calls = fs.readFileSync(log, 'utf8').split('\n');
    expect(calls).toContain('systemctl restart nginx');
    expect(calls.filter((c) => c.includes('rm -rf') || c.includes('reboot'))).toEqual([]);
  });

  it('reports watched states, unknown for missing units', async () => {
    await expect(client().states(['nginx', 'redis-server', 'ghost'])).resolves.toEqual([
      { name: 'nginx', activeState: 'active', subState: 'running' },
      { name: 'redis-server', activeState: 'failed', subState: 'failed' },
      { name: 'ghost', activeState: 'inactive', subState: 'dead' },
    ]);
  });

  it('answers "systemd is not available on this host", code systemd-unavailable, when PID 1 is not systemd', async () => {
    const down = client(true);
    for (const call of [
      () => down.listServices(),
      () => down.service('nginx'),
      () => down.log('nginx'),
      () => down.restart('nginx'),
    ])
      await expect(call()).rejects.toMatchObject({
        message: 'systemd is not available on this host',
        code: 'systemd-unavailable',
      });
    await expect(down.states(['nginx'])).resolves.toEqual([
      { name: 'nginx', activeState: 'unknown', subState: 'unknown' },
    ]);
  });

  it('treats missing tools as no systemd', async () => {
    const missing: ToolRunner = new ExecFileRunner({ PATH: dir });
    await expect(new SystemdClient({ runner: missing }).listServices()).rejects.toMatchObject({
      message: 'systemd is not available on this host',
      code: 'systemd-unavailable',
    });
  });

  it('gives other refusals no code (the console shows their message)', async () => {
    const refusal = await client()
      .restart('bad;name')
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ServiceError);
    expect(refusal).toMatchObject({ message: "invalid service name 'bad;name'", code: undefined });
  });
});

describe('systemd parsers', () => {
  it('keeps only services from list-units and tolerates status bullets', () => {
    expect(
      parseListUnits('● foo.service loaded failed failed Foo\nbar.socket loaded active listening Bar\n'),
    ).toEqual([{ name: 'foo', activeState: 'failed', subState: 'failed' }]);
  });

  it('reads unix and UTC timestamps', () => {
    expect(showTimestamp('@0')).toBeNull();
    expect(showTimestamp('Sun 2024-11-17 09:12:03 UTC')).toBe('2024-11-17T09:12:03.000Z');
    expect(showTimestamp('n/a')).toBeNull();
  });
});
