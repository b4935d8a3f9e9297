import { describe, expect, it } from '@jest/globals';
import { COUNTERS, GAUGES, RECORD_LAYOUT } from './metric-catalog.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { emptyValues, type RecordValues } from './record-values.js';

const cpu = GAUGES.findIndex((g) => g.key === 'cpu');
const mem = GAUGES.findIndex((g) => g.key === 'mem');
const rx = COUNTERS.findIndex((c) => c.key === 'rxBytes');

function values(over: (v: RecordValues) => void): RecordValues {
  const v = emptyValues();
  v.n = 1;
  v.avg[cpu] = 10;
  v.max[cpu] = 20;
  v.avg[mem] = 40;
  v.max[mem] = 40;
  over(v);
  return v;
}

function dictionary() {
  const labels: string[] = [];
  const index = (l: string) => (labels.includes(l) ? labels.indexOf(l) : labels.push(l) - 1);
  return { labels, index };
}

/** Runs `encode` and reports how long it took: a regression to the endless loop would hang here. */
function timed(encode: () => unknown): { error: unknown; ms: number } {
  const start = performance.now();
  try {
    encode();
    return { error: undefined, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

describe('record codec on values it cannot hold', () => {
  const hostile = [Infinity, -Infinity, NaN, 1e300, 1e308, -1e300, 2 ** 60];

  it.each(hostile)('throws a RangeError for a gauge of %d, at once', (bad) => {
    const v = values((x) => {
      x.avg[cpu] = bad;
      x.max[cpu] = bad;
    });
    const { error, ms } = timed(() => encodeRecord(v, dictionary().index));
    expect(error).toBeInstanceOf(RangeError);
    expect(ms).toBeLessThan(50);
  });

  it.each(hostile)('throws a RangeError for a counter, disk usage or interface rate of %d', (bad) => {
    const cases: ((v: RecordValues) => void)[] = [
      (x) => (x.counters[rx] = bad),
      (x) => x.disks.set('disk:/', bad),
      (x) => x.nets.set('net:eth0', { in: bad, out: 1 }),
      (x) => x.nets.set('net:eth0', { in: 1, out: bad }),
    ];
    for (const set of cases) {
      const { error, ms } = timed(() => encodeRecord(values(set), dictionary().index));
      expect(error).toBeInstanceOf(RangeError);
      expect(ms).toBeLessThan(50);
    }
  });

  it('stores the largest exact counter (2^53 − 1) and the other metrics beside it intact', () => {
    const v = values((x) => (x.counters[rx] = Number.MAX_SAFE_INTEGER));
    const d = dictionary();
    const back = decodeRecord(1, encodeRecord(v, d.index), d.labels);
    expect(back.counters[rx]).toBe(Number.MAX_SAFE_INTEGER);
    expect([back.avg[cpu], back.max[cpu], back.avg[mem]]).toEqual([10, 20, 40]);
  });

  it('refuses to decode a varint longer than any the encoder writes', () => {
    const garbage = Uint8Array.from([...new Array<number>(200).fill(0xff), 0x01]);
    expect(() => decodeRecord(1, garbage, [])).toThrow('corrupt record');
  });

  it('leaves out entries whose label the series cannot take, keeping the others', () => {
    const v = values((x) => {
      x.disks.set('disk:/', 40);
      x.disks.set('disk:/full', 50);
      x.nets.set('net:eth0', { in: 1, out: 2 });
      x.nets.set('net:veth-new', { in: 3, out: 4 });
    });
    const labels = ['disk:/', 'net:eth0'];
    const data = encodeRecord(v, (l) => (labels.includes(l) ? labels.indexOf(l) : undefined));
    const back = decodeRecord(1, data, labels);
    expect([...back.disks]).toEqual([['disk:/', 40]]);
    expect([...back.nets]).toEqual([['net:eth0', { in: 1, out: 2 }]]);
    expect(back.avg[cpu]).toBe(10);
  });
});

describe('record format across metric additions', () => {
  /** Every metric of the first format (15 gauges, 3 counters) plus detail, as that codec wrote it. */
  const FIRST_FORMAT_ROW =
    'ffff1f140a320f5014cc08fa01f80aac02a40dde02d00f9003fc11c203a814f403d416a6042006240626072a07b80350e807d00fb81702009c0301c5029601';
  const FIRST_FORMAT_GAUGES = 15;
  const core = GAUGES.findIndex((g) => g.key === 'cpuCoreMax');

  function firstFormatValues(): RecordValues {
    const v = emptyValues();
    v.n = 12;
    for (let i = 0; i < FIRST_FORMAT_GAUGES; i++) {
      v.avg[i] = 1 + i * 1.5;
      v.max[i] = 2 + i * 2;
    }
    COUNTERS.forEach((_c, i) => (v.counters[i] = 1000 * (i + 1)));
    v.disks.set('disk:/', 41.2);
    v.nets.set('net:eth0', { in: 3.25, out: 1.5 });
    return v;
  }

  const labels = ['disk:/', 'net:eth0'];
  const firstFormatRow = () => decodeRecord(12, Buffer.from(FIRST_FORMAT_ROW, 'hex'), labels);

  it('reads a row written before metrics were appended, and writes it byte for byte the same', () => {
    const back = firstFormatRow();
    const expected = firstFormatValues();
    expect([back.avg[0], back.max[0], back.avg[14], back.max[14]]).toEqual([1, 2, 22, 30]);
    expect(back.counters).toEqual(expected.counters);
    expect(back.disks).toEqual(expected.disks);
    expect(back.nets).toEqual(expected.nets);
    expect(back.avg[core]).toBeNull();
    expect(encodeRecord(back, (l) => labels.indexOf(l)).toString('hex')).toBe(FIRST_FORMAT_ROW);
  });

  it('stores an appended gauge after the detail and reads it back with everything else intact', () => {
    const v = firstFormatValues();
    v.avg[core] = 87.25;
    v.max[core] = 99.96;
    const back = decodeRecord(
      12,
      encodeRecord(v, (l) => labels.indexOf(l)),
      labels,
    );
    expect(back.avg[core]).toBe(87.3); // stored at 0.1 %
    expect(back.max[core]).toBe(100);
    back.avg[core] = null;
    back.max[core] = null;
    expect(back).toEqual(firstFormatRow());
  });
});

describe('network rates finer than 0.01 Mbit/s', () => {
  const netIn = GAUGES.findIndex((g) => g.key === 'netIn');
  const netOut = GAUGES.findIndex((g) => g.key === 'netOut');
  const labels = ['disk:/', 'net:eth0', 'net:eth1'];
  /** A row with the `fine` slot, as this codec writes it (the values of {@link fineValues}). */
  const FINE_FORMAT_ROW = '818654fa01930200018a0500c0c40703009c0301000002fa0164c03ed2240000c03e100000';

  function fineValues(): RecordValues {
    const v = values((x) => {
      x.n = 12;
      x.avg[cpu] = 12.5;
      x.max[cpu] = 40;
      x.avg[mem] = null;
      x.max[mem] = null;
    });
    v.avg[netIn] = 0.004;
    v.max[netIn] = 0.012345;
    v.avg[netOut] = 3.25;
    v.max[netOut] = 3.25;
    v.counters[rx] = 123456;
    v.disks.set('disk:/', 41.2);
    v.nets.set('net:eth0', { in: 0.004, out: 0.000008 });
    v.nets.set('net:eth1', { in: 2.5, out: 1 });
    return v;
  }

  it('keeps the fine slot at bit 20, after the detail (18) and cpuCoreMax (19)', () => {
    expect(RECORD_LAYOUT[18]).toBe('detail');
    expect(RECORD_LAYOUT[19]).toEqual({ gauge: GAUGES.findIndex((g) => g.key === 'cpuCoreMax') });
    expect(RECORD_LAYOUT[20]).toBe('fine');
  });

  it('keeps a 10 kbit/s host at 0.01 Mbit/s and a 4 kbit/s one at 0.004, not 0', () => {
    const v = values((x) => {
      x.avg[netIn] = 0.01;
      x.max[netIn] = 0.01;
      x.avg[netOut] = 0.004;
      x.max[netOut] = 0.0125;
      x.nets.set('net:eth0', { in: 0.01, out: 0.004 });
    });
    const d = dictionary();
    const back = decodeRecord(1, encodeRecord(v, d.index), d.labels);
    expect([back.avg[netIn], back.max[netIn]]).toEqual([0.01, 0.01]);
    expect([back.avg[netOut], back.max[netOut]]).toEqual([0.004, 0.0125]);
    expect(back.nets.get('net:eth0')).toEqual({ in: 0.01, out: 0.004 });
  });

  it('reads the pinned fine-format row exactly and writes it byte for byte the same', () => {
    const back = decodeRecord(12, Buffer.from(FINE_FORMAT_ROW, 'hex'), labels);
    expect(back).toEqual(fineValues());
    expect(encodeRecord(back, (l) => labels.indexOf(l)).toString('hex')).toBe(FINE_FORMAT_ROW);
  });

  it('writes no fine slot when every rate is a multiple of 0.01 Mbit/s (the first format’s bytes)', () => {
    const v = values((x) => {
      x.avg[netIn] = 3.25;
      x.max[netIn] = 7;
      x.nets.set('net:eth0', { in: 3.25, out: 1.5 });
    });
    const withFine = values((x) => {
      x.avg[netIn] = 3.251;
      x.max[netIn] = 7;
      x.nets.set('net:eth0', { in: 3.25, out: 1.5 });
    });
    const d = dictionary();
    const plain = encodeRecord(v, d.index);
    const fine = encodeRecord(withFine, d.index);
    expect(fine.length).toBeGreaterThan(plain.length);
    expect(decodeRecord(1, fine, d.labels).avg[netIn]).toBe(3.251);
    expect(decodeRecord(1, plain, d.labels).avg[netIn]).toBe(3.25);
  });

  it('reads a first-format row’s rates at 0.01 Mbit/s (no fine slot there)', () => {
    const old = decodeRecord(
      12,
      Buffer.from(
        'ffff1f140a320f5014cc08fa01f80aac02a40dde02d00f9003fc11c203a814f403d416a6042006240626072a07b80350e807d00fb81702009c0301c5029601',
        'hex',
      ),
      ['disk:/', 'net:eth0'],
    );
    expect(old.nets.get('net:eth0')).toEqual({ in: 3.25, out: 1.5 });
    expect([old.avg[netIn], old.max[netIn]]).toEqual([13, 18]);
  });
});
