import { HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../common/auth/principal.js';
import { CommandRunFeed } from './command-run-feed.js';
import { CommandRunReader } from './command-run-reader.js';
import { SseWriter } from './sse-writer.js';

/** Followers of one run at most, and of all runs per user. */
export const MAX_FOLLOWERS_PER_RUN = 20;
export const MAX_FOLLOWERS_PER_USER = 10;
export const SSE_HEARTBEAT_MS = 15_000;
/** A follower whose socket leaves more than this unsent is dropped. */
export const SSE_MAX_BUFFERED_BYTES = 1024 * 1024;

/** `GET /commands/{id}/events`: opens one bounded SSE follower of a run. */
@Injectable()
export class CommandEventsService {
  private readonly perRun = new Map<string, number>();
  private readonly perUser = new Map<string, number>();

  constructor(
    private readonly reader: CommandRunReader,
    private readonly feed: CommandRunFeed,
  ) {}

  async follow(runId: string, actor: Principal, res: Response): Promise<void> {
    if (!(await this.reader.run(runId))) throw new NotFoundException('command run not found');
    if ((this.perRun.get(runId) ?? 0) >= MAX_FOLLOWERS_PER_RUN)
      throw new HttpException('too many followers of this command run', HttpStatus.TOO_MANY_REQUESTS);
    if ((this.perUser.get(actor.userId) ?? 0) >= MAX_FOLLOWERS_PER_USER)
      throw new HttpException('too many open command event streams', HttpStatus.TOO_MANY_REQUESTS);
    bump(this.perRun, runId, 1);
    bump(this.perUser, actor.userId, 1);
    let unsubscribe = (): void => undefined;
    const writer = new SseWriter(res, {
      heartbeatMs: SSE_HEARTBEAT_MS,
      maxBufferedBytes: SSE_MAX_BUFFERED_BYTES,
      onClose: () => {
        unsubscribe();
        bump(this.perRun, runId, -1);
        bump(this.perUser, actor.userId, -1);
      },
    });
    if (!writer.isClosed) unsubscribe = this.feed.subscribe(runId, writer);
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
