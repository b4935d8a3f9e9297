import { describe, expect, it } from '@jest/globals';
import { toDockerInspect } from './inspect-map.js';

const ID = 'c'.repeat(64);

/** An Engine API inspect answer with secrets in the places they usually hide. */
const inspect = {
  Id: ID,
  Created: '2026-12-01T10:00:00.123456789Z',
  Path: 'sh',
  Args: ['-c', 'sleep 1000'],
  State: {
    Status: 'running',
    Running: true,
    OOMKilled: false,
    ExitCode: 0,
    StartedAt: '2026-12-01T10:00:01Z',
    FinishedAt: '0001-01-01T00:00:00Z',
    Health: { Status: 'healthy', Log: [{ Output: 'SECRET_TOKEN=hunter2' }] },
  },
  Image: 'sha256:' + 'd'.repeat(64),
  Name: '/web',
  RestartCount: 2,
  LogPath: '/var/lib/docker/containers/x/x-json.log',
  HostConfig: {
    Privileged: false,
    ReadonlyRootfs: true,
    Memory: 536_870_912,
    NanoCpus: 0,
    RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
    Binds: ['/secret:/secret'],
  },
  Mounts: [{ Type: 'bind', Source: '/srv/data', Destination: '/data', RW: false }],
  Config: {
    Hostname: 'cccccccccccc',
    User: 'app',
    Env: ['PATH=/bin', 'SECRET_TOKEN=hunter2', 'DB_PASSWORD=hunter2'],
    Cmd: ['-c', 'sleep 1000'],
    Entrypoint: ['sh'],
    Image: 'hivewatch/test:1',
    WorkingDir: '/app',
    Labels: { 'com.example.team': 'ops' },
    Healthcheck: { Test: ['CMD', 'check', '--password=hunter2'] },
  },
  NetworkSettings: {
    Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '9000/udp': null },
    Networks: { bridge: { IPAddress: '172.17.0.2', Aliases: null } },
  },
};

describe('docker-inspect allow-list', () => {
  it('never lets Config.Env (or anything not in the schema) leave the host', () => {
    const json = JSON.stringify(toDockerInspect(inspect));
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('SECRET_TOKEN');
    expect(json).not.toContain('PATH=');
    expect(json).not.toContain('json.log');
    expect(json).not.toContain('/secret');
  });

  it('maps the allowed fields', () => {
    expect(toDockerInspect(inspect)).toEqual({
      id: ID,
      name: 'web',
      image: 'hivewatch/test:1',
      imageId: 'sha256:' + 'd'.repeat(64),
      createdAt: Date.UTC(2026, 11, 1, 10, 0, 0, 123),
      startedAt: Date.UTC(2026, 11, 1, 10, 0, 1),
      finishedAt: null,
      state: 'running',
      health: 'healthy',
      exitCode: null,
      oomKilled: false,
      restartCount: 2,
      restartPolicy: 'on-failure:3',
      command: ['sh', '-c', 'sleep 1000'],
      workingDir: '/app',
      user: 'app',
      privileged: false,
      readOnlyRootfs: true,
      memoryLimitBytes: 536_870_912,
      nanoCpus: null,
      labels: { 'com.example.team': 'ops' },
      mounts: [{ type: 'bind', source: '/srv/data', destination: '/data', readOnly: true }],
      networks: [{ name: 'bridge', ipAddress: '172.17.0.2' }],
      ports: [
        { privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' },
        { privatePort: 9000, publicPort: null, protocol: 'udp', ip: null },
      ],
    });
  });

  it('survives a malformed answer with defaults', () => {
    expect(toDockerInspect({ Id: ID, Config: { Env: ['A=hunter2'] } })).toMatchObject({
      id: ID,
      state: 'exited',
      health: 'none',
      command: [],
      labels: {},
    });
  });
});
