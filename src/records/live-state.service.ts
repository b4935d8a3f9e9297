import { Injectable } from '@nestjs/common';
import type { Sample } from './sample.js';

export interface LiveEntry {
  /** The newest live sample (backfilled samples never replace it). */
  sample: Sample | null;
  /** Receive time (epoch ms) of the last sample of any kind: the agent is talking. */
  lastSeenAt: number;
}

/** The latest sample per server, in memory: read by the browser stream, alerts and GET …/live. */
@Injectable()
export class LiveState {
  private readonly entries = new Map<string, LiveEntry>();

  update(sample: Sample): void {
    const entry = this.entries.get(sample.serverId);
    if (!entry) {
      this.entries.set(sample.serverId, {
        sample: sample.live ? sample : null,
        lastSeenAt: sample.receivedAt,
      });
      return;
    }
    if (sample.receivedAt > entry.lastSeenAt) entry.lastSeenAt = sample.receivedAt;
    if (sample.live && (!entry.sample || sample.time >= entry.sample.time)) entry.sample = sample;
  }

  latest(serverId: string): Sample | undefined {
    return this.entries.get(serverId)?.sample ?? undefined;
  }

  lastSeenAt(serverId: string): number | undefined {
    return this.entries.get(serverId)?.lastSeenAt;
  }

  /** Every server heard from since start (a snapshot, safe to iterate while samples arrive). */
  snapshot(): Map<string, LiveEntry> {
    return new Map([...this.entries].map(([id, e]) => [id, { ...e }]));
  }

  /** Drops a deleted server. */
  forget(serverId: string): void {
    this.entries.delete(serverId);
  }
}
