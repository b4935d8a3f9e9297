import { Injectable } from '@nestjs/common';

/** Why a frame was refused after authentication (one counter each). */
export type BadFrameReason =
  | 'malformed-json'
  | 'binary'
  | 'unknown-type'
  | 'unknown-action'
  | 'schema'
  | 'unexpected-request'
  | 'unmatched-response'
  /** Passed validation but could not be processed (a hub-side error): still refused and counted. */
  | 'unprocessable';

const BAD_FRAME_REASONS: readonly BadFrameReason[] = [
  'malformed-json',
  'binary',
  'unknown-type',
  'unknown-action',
  'schema',
  'unexpected-request',
  'unmatched-response',
  'unprocessable',
];

/** Counters of the agent gateway. Plain fields, incremented in place: nothing allocated per frame. */
export class GatewayCounters {
  connectionsOpened = 0;
  authSucceeded = 0;
  authFailed = 0;
  authRateLimited = 0;
  authTimedOut = 0;
  enrollments = 0;
  badFirstFrames = 0;
  credentialsInQuery = 0;
  framesBeforeAuth = 0;
  replaced = 0;
  revoked = 0;
  floodClosed = 0;
  heartbeatDropped = 0;
  samples = 0;
  backfillSamples = 0;
  duplicateSamples = 0;
  clockSkewedSamples = 0;
  acksSent = 0;
  rpcRequests = 0;
  rpcResent = 0;
  rpcTimeouts = 0;
}

/** Per-reason and global counters of the agent gateway, exposed read-only (GET /api/v1/agents/stats). */
@Injectable()
export class GatewayStats {
  readonly counters = new GatewayCounters();
  private readonly badFrames = new Map<BadFrameReason, number>(BAD_FRAME_REASONS.map((r) => [r, 0]));

  badFrame(reason: BadFrameReason): void {
    this.badFrames.set(reason, (this.badFrames.get(reason) ?? 0) + 1);
  }

  badFrameCount(reason?: BadFrameReason): number {
    if (reason) return this.badFrames.get(reason) ?? 0;
    let total = 0;
    for (const n of this.badFrames.values()) total += n;
    return total;
  }

  snapshot(): GatewayStatsSnapshot {
    return {
      ...this.counters,
      badFrames: Object.fromEntries(this.badFrames) as Record<BadFrameReason, number>,
      badFramesTotal: this.badFrameCount(),
    };
  }
}

export type GatewayStatsSnapshot = GatewayCounters & {
  badFrames: Record<BadFrameReason, number>;
  badFramesTotal: number;
};
