import { describe, expect, it } from '@jest/globals';
import { resolveConfig } from './agent-config.js';
import { configFromEnv } from './env-vars.js';
import {
  DOCKER_DEFAULTS,
  dockerEndpointFor,
  parseDockerEndpoint,
  readDockerConfig,
} from './docker-config.js';

describe('docker config section', () => {
  it('defaults, and takes the section from the file or HIVEWATCH_AGENT_DOCKER as JSON', () => {
    expect(resolveConfig({ hubUrl: 'wss://h' }).docker).toEqual(DOCKER_DEFAULTS);
    const env = configFromEnv({
      HIVEWATCH_AGENT_DOCKER: '{"socket":"unix:///run/podman/podman.sock","maxLogStreams":2}',
    });
    expect(resolveConfig(env, { hubUrl: 'wss://h' }).docker).toEqual({
      ...DOCKER_DEFAULTS,
      socket: 'unix:///run/podman/podman.sock',
      maxLogStreams: 2,
    });
  });

  it('lists every problem', () => {
    const problems: string[] = [];
    readDockerConfig(
      { socket: 'ssh://me@host', maxLogStreams: 0, statsConcurrency: 2.5, colour: 'red' },
      problems,
    );
    expect(problems).toEqual([
      expect.stringContaining("docker: unknown key 'colour'"),
      expect.stringContaining('docker.socket:'),
      expect.stringContaining('docker.maxLogStreams: expected an integer in 1..32'),
      expect.stringContaining('docker.statsConcurrency: expected an integer in 1..256'),
    ]);
    readDockerConfig('{nope', problems);
    expect(problems.at(-1)).toBe('docker: expected a JSON object');
  });

  it('parses socket paths, unix:// and tcp:// and falls back to DOCKER_HOST, then the default socket', () => {
    expect(parseDockerEndpoint('/var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(parseDockerEndpoint('unix:///run/podman/podman.sock')).toEqual({
      socketPath: '/run/podman/podman.sock',
    });
    expect(parseDockerEndpoint('tcp://127.0.0.1:2375')).toEqual({ host: '127.0.0.1', port: 2375 });
    expect(parseDockerEndpoint('tcp://[::1]:2375')).toEqual({ host: '::1', port: 2375 });
    expect(typeof parseDockerEndpoint('tcp://host:99999')).toBe('string');
    expect(typeof parseDockerEndpoint('unix://relative.sock')).toBe('string');
    expect(dockerEndpointFor(DOCKER_DEFAULTS, { DOCKER_HOST: 'tcp://10.0.0.1:2375' })).toEqual({
      host: '10.0.0.1',
      port: 2375,
    });
    expect(
      dockerEndpointFor({ ...DOCKER_DEFAULTS, socket: '/x.sock' }, { DOCKER_HOST: 'tcp://10.0.0.1:2375' }),
    ).toEqual({ socketPath: '/x.sock' });
    expect(dockerEndpointFor(DOCKER_DEFAULTS, {})).toEqual({ socketPath: '/var/run/docker.sock' });
  });
});
