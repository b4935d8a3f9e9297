/** Open log streams per user and per server at most (each holds an engine stream on the host). */
export const LOG_STREAMS_PER_USER = 4;
export const LOG_STREAMS_PER_SERVER = 8;

export const TOO_MANY_FOR_USER = `too many open container log streams: at most ${LOG_STREAMS_PER_USER} per user; close one first`;
export const TOO_MANY_FOR_SERVER = `too many open container log streams on this server: at most ${LOG_STREAMS_PER_SERVER}; try again later`;

/** Counts of open log streams by user and by server; `take` refuses past the caps. */
export class LogStreamQuota {
  private readonly byUser = new Map<string, number>();
  private readonly byServer = new Map<string, number>();

  constructor(
    private readonly perUser = LOG_STREAMS_PER_USER,
    private readonly perServer = LOG_STREAMS_PER_SERVER,
  ) {}

  /** Takes one slot for (user, server); the refusal's message when a cap is reached. */
  take(userId: string, serverId: string): { ok: true } | { ok: false; message: string } {
    if ((this.byServer.get(serverId) ?? 0) >= this.perServer)
      return { ok: false, message: TOO_MANY_FOR_SERVER };
    if ((this.byUser.get(userId) ?? 0) >= this.perUser) return { ok: false, message: TOO_MANY_FOR_USER };
    bump(this.byUser, userId, 1);
    bump(this.byServer, serverId, 1);
    return { ok: true };
  }

  release(userId: string, serverId: string): void {
    bump(this.byUser, userId, -1);
    bump(this.byServer, serverId, -1);
  }

  forUser(userId: string): number {
    return this.byUser.get(userId) ?? 0;
  }

  forServer(serverId: string): number {
    return this.byServer.get(serverId) ?? 0;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
