import { describe, expect, it } from '@jest/globals';
import { serverStateSchema } from '@hivewatch/protocol';
import { MinuteBucket } from '../records/minute-bucket.js';
import { dropSlowValues } from '../records/record-values.js';
import { makeSample } from '../records/samples.test-helper.js';
import { toServerState, type ServerMeta } from './server-state.mapper.js';
import { storedSummary } from './stored-figures.js';

const minute = 29_000_000;
const start = minute * 60_000;

function stored(samples: Parameters<typeof makeSample>[0][]) {
  const bucket = new MinuteBucket('srv-1', minute);
  for (const s of samples) bucket.fold(makeSample(s));
  return { minute, values: bucket.toValues() };
}

const meta: ServerMeta = {
  id: 'srv-1',
  name: 'web-1',
  groupId: null,
  tags: [],
  dialect: 'envelope',
  agentVersion: '2.0.0',
  protocolVersion: 2,
  capabilities: [],
  hostname: null,
  os: 'Debian GNU/Linux 12 (bookworm)',
  architecture: null,
  lastSeenAt: start + 20_000,
};

describe('figures read back from the newest stored minute', () => {
  it("summarises the minute's averages, the fullest filesystem and the last uptime; sizes unknown", () => {
    const last = stored([
      { serverId: 'srv-1', time: start + 5_000, cpuPercent: 20, memPercent: 50, processCount: 180 },
      { serverId: 'srv-1', time: start + 15_000, cpuPercent: 40, memPercent: 60, processCount: 181 },
    ]);
    const summary = storedSummary(last, start + 15_000);
    expect(summary).toMatchObject({
      at: new Date(start + 15_000).toISOString(),
      cpuPercent: 30,
      memoryPercent: 55,
      memoryUsedGB: null,
      diskPercent: 40,
      diskUsedGB: null,
      diskTotalGB: null,
      netInMbps: 3.5,
      load1: 0.3,
      uptimeSeconds: 1000,
      processCount: 181, // 180.5 rounded: a count stays an integer
    });
  });

  it('dates the figures at the minute when the last contact lies outside it', () => {
    const last = stored([{ serverId: 'srv-1', time: start + 5_000 }]);
    expect(storedSummary(last, null)?.at).toBe(new Date(start).toISOString());
    expect(storedSummary(last, start + 90_000)?.at).toBe(new Date(start).toISOString());
  });

  it('leaves out what a minute without its slow values does not hold', () => {
    const last = stored([{ serverId: 'srv-1', time: start + 5_000 }]);
    dropSlowValues(last.values);
    expect(storedSummary(last, null)).toMatchObject({ diskPercent: null, uptimeSeconds: null });
  });

  it('gives an offline server a schema-valid state with those figures until a live sample arrives', () => {
    const figures = storedSummary(stored([{ serverId: 'srv-1', time: start + 5_000 }]), meta.lastSeenAt)!;
    const offline = toServerState(meta, {
      online: false,
      lastSeenAt: undefined,
      sample: undefined,
      stored: figures,
    });
    expect(serverStateSchema.parse(offline)).toEqual(offline);
    expect(offline.metrics).toEqual(figures);
    expect(offline.lastSeenAt).toBe(new Date(start + 20_000).toISOString());
    const sample = makeSample({ serverId: 'srv-1', time: start + 120_000, cpuPercent: 77 });
    const back = toServerState(meta, { online: true, lastSeenAt: sample.time, sample, stored: figures });
    expect(back.metrics?.cpuPercent).toBe(77);
  });
});
