import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { DockerLogPayload, DockerStatsPayload } from '@hivewatch/protocol';
import { eventually } from '../support/agents/fixtures.js';
import { DockerAgentRig } from './support/docker-agent-rig.js';

jest.setTimeout(180_000);

const CHATTY = 'while true; do echo tick; sleep 0.2; done';

describe("our agent's Docker module: lost links, a restarting engine, a removed capability", () => {
  const rig = new DockerAgentRig();

  beforeAll(async () => {
    await rig.start(async (dockerd) => {
      await dockerd.startContainer([
        '--name',
        'chatty',
        '--stop-timeout',
        '1',
        dockerd.image,
        'sh',
        '-c',
        CHATTY,
      ]);
    });
  }, 120_000);

  afterAll(() => rig.stop(), 60_000);

  const logs = (streamId: string) =>
    rig.hub
      .events('docker-log')
      .map((f) => f.payload as DockerLogPayload)
      .filter((p) => p.streamId === streamId);

  it('ends every log stream when the hub link drops (the hub can open it again after the reconnect)', async () => {
    const start = { streamId: 'again', containerId: 'chatty', tail: 1, follow: true };
    expect(await rig.hub.request('docker-logs-start', start)).toEqual({ status: 'ok' });
    await eventually(() => logs('again').length > 0, 10_000);
    const links = rig.hub.authenticated;
    rig.hub.dropLink();
    await eventually(() => rig.hub.authenticated > links && rig.agent.isAuthenticated, 20_000);
    expect(await rig.hub.request('docker-logs-start', start)).toEqual({ status: 'ok' });
    expect(await rig.hub.request('docker-logs-stop', { streamId: 'again' })).toEqual({ status: 'ok' });
  });

  it('reports the engine unavailable while it is down, then recovers stats and the event stream', async () => {
    await rig.dockerd.kill();
    const down = await eventually(() => {
      const latest = rig.hub.events('docker-stats').at(-1)?.payload as DockerStatsPayload | undefined;
      return latest?.available === false ? latest : undefined;
    }, 20_000);
    expect(down).toMatchObject({ available: false, containers: [] });
    expect(down?.error).toContain(rig.dockerd.socketPath);
    await rig.dockerd.restart();
    await eventually(
      () => (rig.hub.events('docker-stats').at(-1)?.payload as DockerStatsPayload).available,
      20_000,
    );
    // The event stream follows the new engine process (retried with a backoff of at most 10 s).
    await eventually(
      async () => {
        const id = await rig.dockerd.startContainer([rig.dockerd.image, 'true']);
        await new Promise((r) => setTimeout(r, 1500));
        return rig.hub
          .events('docker-event')
          .some((f) => f.payload['containerId'] === id && f.payload['action'] === 'die');
      },
      40_000,
      100,
    );
  });

  it('stops log streams and refuses docker requests once SIGHUP removed `docker`', async () => {
    await rig.dockerd.run(['start', 'chatty']);
    expect(
      await rig.hub.request('docker-logs-start', {
        streamId: 'cap',
        containerId: 'chatty',
        tail: 1,
        follow: true,
      }),
    ).toEqual({
      status: 'ok',
    });
    rig.agent.removeCapabilitiesNotIn(['docker-actions']);
    const end = await eventually(() => logs('cap').find((p) => p.ended), 10_000);
    expect(end?.reason).toBe('capability-removed');
    await eventually(() => rig.agent.isAuthenticated, 20_000);
    expect(await rig.hub.request('docker-list', null)).toEqual({
      status: 'error',
      message: "capability 'docker' is disabled on this host",
    });
  });
});
