import fc from 'fast-check';
import { detectDialect } from '@hivewatch/protocol';
import { runConnection, type AgentCredentials, type FrameMismatch } from './agent-connection-fuzz.js';
import { connectionPlan, type ConnectionPlan, type Frame } from './frames.js';
import {
  bodyCases,
  checkCase,
  oddDateCases,
  parserCases,
  restCases,
  upgradeCases,
  type HttpFinding,
  type RestRoute,
} from './http-fuzz.js';

/** How much one batch does; CI runs one batch, the long mode repeats batches with seed + n. */
export interface BatchSize {
  connections: number;
  framesPerConnection: number;
  upgrades: number;
  rest: number;
}

export const CI_BATCH: BatchSize = { connections: 90, framesPerConnection: 30, upgrades: 200, rest: 300 };

export interface Tally {
  batches: number;
  connections: number;
  preAuthConnections: number;
  framesSent: number;
  /** Frames the contract says the hub must count as bad (sent after authentication, processed). */
  countable: number;
  accepted: number;
  refused: number;
  /** Hostile first frames that are neither dialect's authentication (→ badFirstFrames). */
  badFirstFrames: number;
  tokenInUrl: number;
  httpRequests: number;
  frameMismatches: (FrameMismatch & { seed: number; connection: number; dialect: string })[];
  connectionFailures: { seed: number; connection: number; failure: string }[];
  httpFindings: (HttpFinding & { seed: number })[];
}

export function emptyTally(): Tally {
  return {
    batches: 0,
    connections: 0,
    preAuthConnections: 0,
    framesSent: 0,
    countable: 0,
    accepted: 0,
    refused: 0,
    badFirstFrames: 0,
    tokenInUrl: 0,
    httpRequests: 0,
    frameMismatches: [],
    connectionFailures: [],
    httpFindings: [],
  };
}

export interface Target {
  port: number;
  cookie: string;
  /** One server per fuzz worker: a server holds one agent connection at a time. */
  workers: AgentCredentials[];
  knownServerId: string;
  routes: RestRoute[];
  maxFrameBytes: number;
  /** False once the hub process is gone: stop sending. */
  alive(): boolean;
}

/** 32-bit seed of batch `n` (fast-check seeds are 32-bit integers). */
export function batchSeed(seed: number, n: number): number {
  return (seed + n * 1_000_003) | 0;
}

/** One batch: the agent connections (one worker per server, in parallel) and the HTTP cases, side by side. */
export async function runBatch(target: Target, seed: number, size: BatchSize, tally: Tally): Promise<void> {
  const plans = fc.sample(connectionPlan(size.framesPerConnection, target.maxFrameBytes), {
    seed,
    numRuns: size.connections,
  });
  const httpCases = [
    ...fc.sample(upgradeCases(), { seed: seed ^ 0x55, numRuns: size.upgrades }),
    ...fc.sample(restCases(target.routes, target.cookie), { seed: seed ^ 0xaa, numRuns: size.rest }),
    ...(tally.batches === 0
      ? [...oddDateCases(target.knownServerId, target.cookie), ...bodyCases(target.cookie), ...parserCases()]
      : []),
  ];
  const agents = target.workers.map(async (creds, w) => {
    for (let i = w; i < plans.length && target.alive(); i += target.workers.length) {
      await runPlan(target, creds, plans[i]!, i, seed, tally);
    }
  });
  const http = (async () => {
    for (const c of httpCases) {
      if (!target.alive()) return;
      tally.httpRequests++;
      const { status, finding } = await checkCase(target.port, c);
      if (finding) tally.httpFindings.push({ ...finding, seed });
      if (c.tokenInQuery && status === 101) tally.tokenInUrl++;
    }
  })();
  await Promise.all([...agents, http]);
  tally.batches++;
}

async function runPlan(
  target: Target,
  creds: AgentCredentials,
  plan: ConnectionPlan,
  index: number,
  seed: number,
  tally: Tally,
) {
  const wsUrl = `ws://127.0.0.1:${target.port}/api/v1/agents/ws`;
  const outcome = await runConnection(wsUrl, creds, plan, target.maxFrameBytes);
  tally.connections++;
  tally.framesSent += outcome.framesSent;
  if (outcome.preAuth) {
    tally.preAuthConnections++;
    if (plan.tokenInUrl) tally.tokenInUrl++;
    else if (
      plan.firstFrame &&
      !detectsDialect(plan.firstFrame) &&
      reachesHub(plan.firstFrame, target.maxFrameBytes)
    )
      tally.badFirstFrames++;
  }
  tally.countable += outcome.countable;
  tally.accepted += outcome.accepted;
  tally.refused += outcome.refused;
  for (const m of outcome.mismatches)
    if (tally.frameMismatches.length < 200)
      tally.frameMismatches.push({ ...m, seed, connection: index, dialect: plan.dialect });
  if (outcome.failure) tally.connectionFailures.push({ seed, connection: index, failure: outcome.failure });
}

/** Would the hub take this first frame for an authentication (either dialect)? Same rule as the hub's. */
/** The WebSocket layer closes (1009, 1007) before the hub sees a frame too large or not UTF-8. */
function reachesHub(frame: Frame, maxFrameBytes: number): boolean {
  if ('invalidUtf8' in frame) return false;
  const size = 'binary' in frame ? frame.binary.length : Buffer.byteLength(frame.text);
  return size <= maxFrameBytes;
}

function detectsDialect(frame: Frame): boolean {
  if (!('text' in frame)) return false;
  try {
    return detectDialect(JSON.parse(frame.text)) !== null;
  } catch {
    return false;
  }
}
