import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  dockerEventPayloadSchema,
  dockerInspectSchema,
  dockerLogPayloadSchema,
  dockerStatsPayloadSchema,
  type ContainerSnapshot,
  type DockerLogPayload,
  type DockerStatsPayload,
} from '@hivewatch/protocol';
import { eventually } from '../support/agents/fixtures.js';
import { DockerAgentRig } from './support/docker-agent-rig.js';

jest.setTimeout(180_000);

const CHATTY = 'i=0; while true; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.2; done';

describe("our agent's Docker module against a real dockerd", () => {
  const rig = new DockerAgentRig();
  const ids: Record<string, string> = {};
  const state = (name: string) => rig.dockerd.run(['inspect', '-f', '{{.State.Status}}', name]);

  beforeAll(async () => {
    await rig.start(async (dockerd) => {
      const img = dockerd.image;
      ids['runner'] = await dockerd.startContainer([
        '--name',
        'runner',
        '-e',
        'SECRET_TOKEN=hunter2',
        img,
        'sh',
        '-c',
        CHATTY,
      ]);
      ids['quitter'] = await dockerd.startContainer([
        '--name',
        'quitter',
        img,
        'sh',
        '-c',
        'echo bye; exit 3',
      ]);
      ids['target'] = await dockerd.startContainer([
        '--name',
        'target',
        '--stop-timeout',
        '1',
        img,
        'sleep',
        '1000',
      ]);
      ids['self'] = await dockerd.startContainer(['--name', 'self', img, 'sleep', '1000']);
      await eventually(async () => (await state('quitter')) === 'exited', 20_000);
      // The agent "runs in" container `self`: Docker's default hostname is the id's 12-digit prefix.
      return { HOSTNAME: ids['self']?.slice(0, 12) };
    });
  }, 120_000);

  afterAll(() => rig.stop(), 60_000);

  const latestStats = () => rig.hub.events('docker-stats').at(-1)?.payload as DockerStatsPayload | undefined;
  const find = (payload: DockerStatsPayload | undefined, name: string): ContainerSnapshot | undefined =>
    payload?.containers.find((c) => c.name === name);

  it('sends docker-stats after each sample: the running one with CPU, memory and pids, the exited one with its code', async () => {
    const stats = await eventually(() => {
      const latest = latestStats();
      return typeof find(latest, 'runner')?.cpuPercent === 'number' ? latest : undefined;
    }, 30_000);
    expect(dockerStatsPayloadSchema.safeParse(stats).success).toBe(true);
    expect(stats?.available).toBe(true);
    const runner = find(stats, 'runner');
    expect(runner).toMatchObject({
      id: ids['runner'],
      state: 'running',
      image: 'hivewatch/test:1',
      health: 'none',
      exitCode: null,
    });
    expect(runner?.memoryUsageBytes).toBeGreaterThan(0);
    expect(runner?.memoryLimitBytes).toBeGreaterThan(0);
    expect(runner?.pids).toBeGreaterThanOrEqual(1);
    expect(runner?.startedAt).toEqual(expect.any(Number));
    expect(find(stats, 'quitter')).toMatchObject({
      state: 'exited',
      exitCode: 3,
      cpuPercent: null,
      pids: null,
    });
  });

  it('answers docker-list and docker-inspect, and inspect never carries the environment', async () => {
    const list = await rig.hub.request('docker-list', null);
    expect(list['status']).toBe('ok');
    const data = list['data'] as DockerStatsPayload;
    expect(dockerStatsPayloadSchema.safeParse(data).success).toBe(true);
    expect(data.containers.map((c) => c.name).sort()).toEqual(['quitter', 'runner', 'self', 'target']);
    const inspect = await rig.hub.request('docker-inspect', { containerId: 'runner' });
    expect(inspect['status']).toBe('ok');
    expect(dockerInspectSchema.safeParse(inspect['data']).success).toBe(true);
    expect(inspect['data']).toMatchObject({ id: ids['runner'], name: 'runner', state: 'running' });
    const json = JSON.stringify(inspect);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('SECRET_TOKEN');
    expect(await rig.hub.request('docker-inspect', { containerId: 'nope' })).toEqual({
      status: 'error',
      message: 'No such container: nope',
    });
  });

  it('streams logs: tail, then follow, stdout and stderr marked, until docker-logs-stop', async () => {
    expect(
      await rig.hub.request('docker-logs-start', {
        streamId: 'l1',
        containerId: 'runner',
        tail: 4,
        follow: true,
      }),
    ).toEqual({
      status: 'ok',
    });
    const batches = () =>
      rig.hub
        .events('docker-log')
        .map((f) => f.payload as DockerLogPayload)
        .filter((p) => p.streamId === 'l1');
    await eventually(() => batches().flatMap((b) => b.entries).length >= 12, 20_000);
    const entries = batches().flatMap((b) => b.entries);
    expect(entries.some((e) => e.stream === 'stdout' && /^out \d+$/.test(e.line))).toBe(true);
    expect(entries.some((e) => e.stream === 'stderr' && /^err \d+$/.test(e.line))).toBe(true);
    expect(entries.every((e) => typeof e.at === 'number' && Math.abs(e.at - Date.now()) < 120_000)).toBe(
      true,
    );
    expect(
      await rig.hub.request('docker-logs-start', {
        streamId: 'l1',
        containerId: 'runner',
        tail: 0,
        follow: true,
      }),
    ).toMatchObject({
      status: 'error',
      message: "Docker log stream 'l1' is already open",
    });
    expect(await rig.hub.request('docker-logs-stop', { streamId: 'l1' })).toEqual({ status: 'ok' });
    const last = await eventually(() => batches().find((b) => b.ended));
    expect(last).toMatchObject({ ended: true, reason: 'stopped by the hub' });
    for (const batch of batches()) expect(dockerLogPayloadSchema.safeParse(batch).success).toBe(true);
  });

  it('ends a followed log stream when its container exits', async () => {
    await rig.dockerd.startContainer([
      '--name',
      'brief',
      rig.dockerd.image,
      'sh',
      '-c',
      'sleep 2; echo done',
    ]);
    await rig.hub.request('docker-logs-start', {
      streamId: 'l2',
      containerId: 'brief',
      tail: 10,
      follow: true,
    });
    const end = await eventually(
      () =>
        rig.hub
          .events('docker-log')
          .map((f) => f.payload as DockerLogPayload)
          .find((p) => p.streamId === 'l2' && p.ended),
      20_000,
    );
    expect(end?.reason).toBe('the container stopped');
  });

  it('forwards lifecycle events: a container that exits sends die with its exit code', async () => {
    const id = await rig.dockerd.startContainer([
      '--name',
      'dier',
      rig.dockerd.image,
      'sh',
      '-c',
      'sleep 1; exit 7',
    ]);
    const die = await eventually(
      () =>
        rig.hub
          .events('docker-event')
          .find((f) => f.payload['containerId'] === id && f.payload['action'] === 'die'),
      20_000,
    );
    expect(die?.payload).toMatchObject({
      containerName: 'dier',
      image: 'hivewatch/test:1',
      action: 'die',
      exitCode: 7,
    });
    expect(
      rig.hub
        .events('docker-event')
        .some((f) => f.payload['containerId'] === id && f.payload['action'] === 'start'),
    ).toBe(true);
    for (const event of rig.hub.events('docker-event'))
      expect(dockerEventPayloadSchema.safeParse(event.payload).success).toBe(true);
  });

  it('runs pause, unpause, stop, start, restart and remove', async () => {
    const act = (action: string, containerId = 'target') =>
      rig.hub.request('docker-action', { containerId, action }, 90_000);
    expect(await act('pause')).toEqual({ status: 'ok', data: { message: 'container target paused' } });
    expect(await state('target')).toBe('paused');
    expect(await act('unpause')).toMatchObject({ status: 'ok' });
    expect(await state('target')).toBe('running');
    expect(await act('stop')).toMatchObject({ status: 'ok' });
    expect(await state('target')).toBe('exited');
    expect(await act('start')).toMatchObject({ status: 'ok' });
    expect(await state('target')).toBe('running');
    const startedAt = await rig.dockerd.run(['inspect', '-f', '{{.State.StartedAt}}', 'target']);
    expect(await act('restart')).toMatchObject({ status: 'ok' });
    expect(await rig.dockerd.run(['inspect', '-f', '{{.State.StartedAt}}', 'target'])).not.toBe(startedAt);
    const running = await act('remove');
    expect(running['status']).toBe('error');
    expect(String(running['message'])).toContain('running');
    await act('stop');
    expect(await act('remove')).toEqual({ status: 'ok', data: { message: 'container target removed' } });
    expect(await rig.dockerd.run(['ps', '-a', '--format', '{{.Names}}'])).not.toContain('target');
  });

  it("refuses every action on the agent's own container", async () => {
    for (const action of ['stop', 'restart', 'remove', 'pause']) {
      const answer = await rig.hub.request('docker-action', { containerId: 'self', action });
      expect(answer).toEqual({
        status: 'error',
        message: `refused: 'self' is the container this agent runs in (${action} would cut the host off)`,
      });
    }
    expect(await state('self')).toBe('running');
  });
});
