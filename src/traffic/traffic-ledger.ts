import type { ByteRow } from './traffic-writes.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Byte deltas not yet written, summed per (server, hour) and (server, day). */
export class TrafficLedger {
  hourly = new Map<string, ByteRow>();
  daily = new Map<string, ByteRow>();

  add(serverId: string, time: number, inBytes: number, outBytes: number): void {
    bump(this.hourly, serverId, Math.floor(time / HOUR) * HOUR, inBytes, outBytes);
    bump(this.daily, serverId, Math.floor(time / DAY) * DAY, inBytes, outBytes);
  }

  /** Adds every row of another ledger (a failed flush gives its bytes back). */
  absorb(other: TrafficLedger): void {
    for (const r of other.hourly.values()) bump(this.hourly, r.serverId, r.at, r.inBytes, r.outBytes);
    for (const r of other.daily.values()) bump(this.daily, r.serverId, r.at, r.inBytes, r.outBytes);
  }

  get empty(): boolean {
    return this.daily.size === 0;
  }

  /** Daily bytes of one server in [start, end). */
  sum(serverId: string, start: number, end: number): { inBytes: number; outBytes: number } {
    let inBytes = 0;
    let outBytes = 0;
    for (const row of this.daily.values()) {
      if (row.serverId === serverId && row.at >= start && row.at < end) {
        inBytes += row.inBytes;
        outBytes += row.outBytes;
      }
    }
    return { inBytes, outBytes };
  }
}

function bump(
  map: Map<string, ByteRow>,
  serverId: string,
  at: number,
  inBytes: number,
  outBytes: number,
): void {
  const key = `${serverId}|${at}`;
  const row = map.get(key);
  if (row) {
    row.inBytes += inBytes;
    row.outBytes += outBytes;
  } else {
    map.set(key, { serverId, at, inBytes, outBytes });
  }
}
