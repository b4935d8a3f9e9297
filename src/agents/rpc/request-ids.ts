import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/auth/clock.js';
import { ServerAgentState } from '../../servers/server-agent-state.js';

/**
 * Hub → agent request ids.
 *
 * Why this scheme: the seed-002 agent caches responses by request id and answers a repeated id from
 * its cache WITHOUT running the request again. An id that this agent has ever seen — from this hub
 * process, an earlier one, or another hub instance sharing the database — must therefore never be
 * used for a new request, or a `restart-service` after a hub restart would silently not run.
 *
 * 1. Time-based: id = milliseconds × 1000 + a per-millisecond counter. It grows with wall time, so a
 *    restarted hub starts above everything it sent before — unless the clock went backwards, or
 *    another instance's clock is ahead. Hence:
 * 2. A per-server high-water mark persisted in the database (`servers.rpcIdHighWater`):
 *    id = max(time-based, highWater + 1), and the high-water is raised BEFORE the request is sent.
 *    To keep that to one write per server per minute instead of one per request, we reserve ahead:
 *    when an id passes the reservation, the new reservation is id + RESERVE_AHEAD. After a restart
 *    the next id is above the reservation, so the ids skipped are at most one minute's worth.
 * Ids stay below Number.MAX_SAFE_INTEGER (ms × 1000 reaches it in the year 2255).
 */
export const PER_MS = 1000;
export const RESERVE_AHEAD = 60_000 * PER_MS;

/** Strictly increasing time-based ids for the whole process. */
export class TimeBasedIds {
  private last = 0;

  next(nowMs: number): number {
    const candidate = Math.floor(nowMs) * PER_MS;
    // Within one millisecond (or if the clock stepped back) continue from the last id.
    this.last = candidate > this.last ? candidate : this.last + 1;
    return this.last;
  }
}

export type PersistHighWater = (serverId: string, value: number) => Promise<void>;

/** Allocates ids per server from the time-based source and the persisted high-water mark. */
export class RequestIdAllocator {
  private readonly ids = new TimeBasedIds();
  /** Per server: highest id reserved in the database, and highest id handed out. */
  private readonly servers = new Map<string, { reserved: number; issued: number }>();

  constructor(
    private readonly persist: PersistHighWater,
    private readonly now: () => number,
  ) {}

  /** Called when the server authenticates, with the high-water mark read from the database. */
  load(serverId: string, highWater: number): void {
    const entry = this.servers.get(serverId);
    if (entry) {
      entry.reserved = Math.max(entry.reserved, highWater);
      entry.issued = Math.max(entry.issued, highWater);
    } else this.servers.set(serverId, { reserved: highWater, issued: highWater });
  }

  forget(serverId: string): void {
    this.servers.delete(serverId);
  }

  /** A fresh id for `serverId`; resolves only once the database covers it. */
  async next(serverId: string): Promise<number> {
    let entry = this.servers.get(serverId);
    if (!entry) {
      entry = { reserved: 0, issued: 0 };
      this.servers.set(serverId, entry);
    }
    const id = Math.max(this.ids.next(this.now()), entry.issued + 1);
    if (!Number.isSafeInteger(id)) throw new Error('request id space exhausted');
    entry.issued = id;
    if (id > entry.reserved) {
      const reserve = Math.min(id + RESERVE_AHEAD, Number.MAX_SAFE_INTEGER);
      await this.persist(serverId, reserve);
      if (reserve > entry.reserved) entry.reserved = reserve;
    }
    return id;
  }
}

@Injectable()
export class RequestIds extends RequestIdAllocator {
  constructor(servers: ServerAgentState, clock: Clock) {
    super(
      (serverId, value) => servers.raiseRpcIdHighWater(serverId, value),
      () => clock.now(),
    );
  }
}
