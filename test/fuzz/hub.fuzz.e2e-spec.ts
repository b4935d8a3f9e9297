import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import {
  agentEventSchemas,
  authenticateRequestFrameSchema,
  metricsEventFrameSchema,
  simpleCommandResponseSchema,
  simpleDockerResponseSchema,
  simpleMetricsSchema,
} from '@hivewatch/protocol';
import { batchSeed, CI_BATCH, emptyTally, runBatch, type Tally } from './campaign.js';
import { HubApi, type AgentStats } from './hub-api.js';
import { HealthWatch, HubProcess, sleep } from './hub-process.js';
import { WS_ROUTES } from './http-fuzz.js';
import { SteadyAgent } from './steady-agent.js';
import { numberFields } from './zod-walk.js';

/**
 * Fuzz suite: the built hub under structure-aware hostile input — agent frames of both
 * dialects derived from the zod schemas, malformed WebSocket upgrades, garbage REST paths and
 * queries — while a well-behaved agent reports. docs/fuzzing.md explains the generators, the
 * assertions and how to replay a seed. CI runs one fixed-size batch (FUZZ_SEED, default below);
 * FUZZ_MINUTES=n repeats batches for n minutes (`npm run test:fuzz -- --minutes n`).
 */
const DEFAULT_CI_SEED = 20_251_010;
const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_CI_SEED) | 0;
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 0);
const REPORT = process.env.FUZZ_REPORT ?? path.join(os.tmpdir(), `hivewatch-fuzz-${SEED}.json`);
/** Hub RSS after the run (after a settling pause) may exceed RSS before it by at most this. */
const RSS_BOUND_MB = 64;
const SETTLE_MS = 5000;
const MAX_FRAME_BYTES = 1024 * 1024;
const FUZZ_WORKERS = 3;

const HUB_ENV = {
  // Flood closing would stop a connection before its refused frames are counted: out of the way.
  HIVEWATCH_AGENT_BAD_FRAMES_PER_SECOND: '100000',
  HIVEWATCH_AGENT_AUTH_FAILURES_PER_MINUTE: '100000',
  HIVEWATCH_LOGIN_MAX_FAILURES: '1000',
  HIVEWATCH_AGENT_MAX_FRAME_BYTES: String(MAX_FRAME_BYTES),
  // Acks (= samples on disk) within seconds instead of a minute.
  HIVEWATCH_RECORDS_FLUSH_SECONDS: '2',
};

interface RunResult {
  seed: number;
  minutes: number;
  durationS: number;
  tally: Tally;
  statsBefore: AgentStats;
  statsAfter: AgentStats;
  rssBeforeMb: number;
  rssAfterMb: number;
  health: { polls: number; maxLatencyMs: number; misses: { at: number; what: string }[] };
  hubExit: HubProcess['exit'];
  hubErrors: { count: number; first: string[] };
  steady: {
    sent: number;
    acked: number;
    errorReplies: unknown[];
    closes: unknown[];
    stored: number | string;
  };
  exitedOnSigterm: boolean;
}

let run: RunResult;

function say(text: string): void {
  process.stderr.write(`[fuzz] ${text}\n`);
}

/** A reproducer line: how to replay and what was sent. */
function replay(seed: number): string {
  return `replay: FUZZ_SEED=${SEED} (batch seed ${seed}) npm run test:fuzz -- --seed ${SEED}`;
}

describe('the hub under hostile input (fuzz)', () => {
  describe('schemas', () => {
    it('gives every numeric field of every inbound agent frame a finite range', () => {
      const schemas: Record<string, z.ZodType> = {
        'envelope metrics': metricsEventFrameSchema,
        'envelope authenticate': authenticateRequestFrameSchema,
        ...Object.fromEntries(
          Object.entries(agentEventSchemas).map(([a, s]) => [`envelope ${a} payload`, s]),
        ),
        'simple metrics': simpleMetricsSchema,
        'simple command_response': simpleCommandResponseSchema,
        'simple docker_response': simpleDockerResponseSchema,
      };
      const unbounded = Object.entries(schemas).flatMap(([name, schema]) =>
        numberFields(schema)
          .filter(({ range }) => !Number.isFinite(range.min) || !Number.isFinite(range.max))
          .map(({ path: field, range }) => `${name}: ${field} [${range.min}, ${range.max}]`),
      );
      expect(unbounded).toEqual([]);
    });

    it('covers every WebSocket route the hub registers', () => {
      const files = listTs('src').filter((f) => /\.register(<[^>]*>)?\(\{/.test(fs.readFileSync(f, 'utf8')));
      const registered = files.flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/pathMatcher\(([^)]*)\)/g)].map(
          (m) => `${path.basename(f)}: ${m[1]}`,
        ),
      );
      // Each entry maps to WS_ROUTES in http-fuzz.ts; a new registration must be added there and here.
      expect(registered.sort()).toEqual([
        'agent.gateway.ts: AGENT_WS_PATH',
        'api-stream.gateway.ts: `${prefix}/:serverId`',
        'browser-stream.gateway.ts: BROWSER_WS_PATH',
        'terminal.gateway.ts: TERMINAL_WS_PATH_PREFIX',
      ]);
      expect(WS_ROUTES).toHaveLength(5);
    });
  });

  describe(`the built hub, seed ${SEED}${MINUTES > 0 ? `, ${MINUTES} min` : ''}`, () => {
    let hub: HubProcess | undefined;

    beforeAll(
      async () => {
        const started = Date.now();
        say(
          `seed ${SEED}; ${MINUTES > 0 ? `long mode, ${MINUTES} min` : 'CI mode, one batch'}; report: ${REPORT}`,
        );
        hub = await HubProcess.start(HUB_ENV);
        const h = hub;
        const api = await HubApi.signIn(h.url);
        const steadyServer = await api.createServer('fuzz-steady');
        const workers = [];
        for (let i = 0; i < FUZZ_WORKERS; i++) workers.push(await api.createServer(`fuzz-${i}`));
        const routes = await api.routes();
        const steady = new SteadyAgent(`ws://127.0.0.1:${h.port}/api/v1/agents/ws`, steadyServer);
        await steady.start();
        const health = new HealthWatch(h.port);
        await sleep(SETTLE_MS);
        const rssBeforeMb = h.rssMb();
        const statsBefore = await api.agentStats();

        const tally = emptyTally();
        const target = {
          port: h.port,
          cookie: api.cookie,
          workers,
          knownServerId: steadyServer.id,
          routes,
          maxFrameBytes: MAX_FRAME_BYTES,
          alive: () => h.alive,
        };
        const deadline = Date.now() + MINUTES * 60_000;
        do {
          const seed = batchSeed(SEED, tally.batches);
          await runBatch(target, seed, CI_BATCH, tally);
          if (MINUTES > 0)
            say(
              `batch ${tally.batches} (seed ${seed}): ${tally.framesSent} frames, ${tally.connections} connections, ${tally.httpRequests} HTTP requests so far`,
            );
        } while (Date.now() < deadline && h.alive);

        steady.pause();
        const statsAfter = h.alive ? await api.agentStats() : statsBefore;
        const ackDeadline = Date.now() + 30_000;
        while (h.alive && steady.ackedSeq < steady.sent && Date.now() < ackDeadline) await sleep(250);
        await sleep(SETTLE_MS);
        const rssAfterMb = h.alive ? h.rssMb() : NaN;
        await health.stop();
        steady.close();
        const hubExit = h.exit;
        const exitedOnSigterm = await h.stop();
        // Read after the stop: the hub flushes every open minute on SIGTERM.
        const stored = storedSamples(h.dataDir, steadyServer.id);
        run = {
          seed: SEED,
          minutes: MINUTES,
          durationS: Math.round((Date.now() - started) / 1000),
          tally,
          statsBefore,
          statsAfter,
          rssBeforeMb,
          rssAfterMb,
          health: {
            polls: health.polls,
            maxLatencyMs: Math.round(health.maxLatencyMs),
            misses: health.misses,
          },
          hubExit,
          hubErrors: { count: h.errorCount, first: h.errors.map((e) => e.text) },
          steady: {
            sent: steady.sent,
            acked: steady.ackedSeq,
            errorReplies: steady.errorReplies,
            closes: steady.closes,
            stored,
          },
          exitedOnSigterm,
        };
        fs.writeFileSync(REPORT, JSON.stringify(run, null, 2));
        say(summary(run));
      },
      (MINUTES * 60 + 240) * 1000,
    );

    afterAll(() => hub?.dispose());

    it('keeps the process alive and stops on SIGTERM', () => {
      expect({ exitDuringRun: run.hubExit, exitedOnSigterm: run.exitedOnSigterm }).toEqual({
        exitDuringRun: null,
        exitedOnSigterm: true,
      });
    });

    it('answers GET /api/v1/health within 1 s throughout', () => {
      expect(run.health.polls).toBeGreaterThan(0);
      expect(run.health.misses).toEqual([]);
    });

    it(`keeps RSS within +${RSS_BOUND_MB} MB of where it started`, () => {
      expect(run.rssAfterMb - run.rssBeforeMb).toBeLessThanOrEqual(RSS_BOUND_MB);
    });

    it('stores every sample of the well-behaved agent, which nothing disturbs', () => {
      expect(run.steady.sent).toBeGreaterThan(0);
      // Acks follow the minute flush (a sample is acknowledged once its minute is on disk), so a run
      // shorter than a minute may end before any ack; what counts is that every sample is stored.
      expect(run.steady.acked).toBeLessThanOrEqual(run.steady.sent);
      expect({ ...run.steady, errorReplies: run.steady.errorReplies.length }).toEqual({
        sent: run.steady.sent,
        acked: run.steady.acked,
        stored: run.steady.sent,
        errorReplies: 0,
        closes: [],
      });
    });

    it('treats every agent frame as the protocol says (error reply for each refused one, none for valid ones)', () => {
      expect(run.tally.framesSent).toBeGreaterThan(0);
      expect(run.tally.frameMismatches.map((m) => ({ ...m, replay: replay(m.seed) }))).toEqual([]);
      expect(run.tally.connectionFailures).toEqual([]);
    });

    it('counts every refused frame in the bad-frame counters', () => {
      const delta = (pick: (s: AgentStats) => number) => pick(run.statsAfter) - pick(run.statsBefore);
      expect({
        badFrames: delta((s) => s.badFramesTotal),
        badFirstFrames: delta((s) => s.badFirstFrames),
        credentialsInQuery: delta((s) => s.credentialsInQuery),
        floodClosed: delta((s) => s.floodClosed),
      }).toEqual({
        badFrames: run.tally.countable,
        badFirstFrames: run.tally.badFirstFrames,
        credentialsInQuery: run.tally.tokenInUrl,
        floodClosed: 0,
      });
    });

    it('answers every malformed upgrade and REST request with a 4xx JSON error, never a 5xx or a reset', () => {
      expect(run.tally.httpRequests).toBeGreaterThan(0);
      // One entry per kind of problem (with its count and first reproducer): one defect can answer hundreds of requests.
      const groups = new Map<string, { problem: string; count: number; example: string; replay: string }>();
      for (const f of run.tally.httpFindings) {
        const problem = `${f.kind.split(':')[0]}: ${f.got.split('{')[0]!.slice(0, 100).trim()}`;
        const group = groups.get(problem);
        if (group) group.count++;
        else groups.set(problem, { problem, count: 1, example: f.request, replay: replay(f.seed) });
      }
      expect([...groups.values()]).toEqual([]);
    });

    it('logs no error while under attack', () => {
      expect(run.hubErrors.first).toEqual([]);
    });
  });
});

function summary(r: RunResult): string {
  const t = r.tally;
  return [
    `seed ${r.seed}: ${t.batches} batch(es) in ${r.durationS} s`,
    `frames tried ${t.framesSent} (accepted ${t.accepted}, refused ${t.refused}, countable ${t.countable}) over ${t.connections} connections (${t.preAuthConnections} hostile first frames)`,
    `HTTP requests ${t.httpRequests} (upgrades + REST), findings ${t.httpFindings.length}`,
    `frame mismatches ${t.frameMismatches.length}, connection failures ${t.connectionFailures.length}`,
    `crashes ${r.hubExit ? 1 : 0}${r.hubExit ? ` (${JSON.stringify(r.hubExit)})` : ''}, exited on SIGTERM: ${r.exitedOnSigterm}`,
    `health: ${r.health.polls} polls, max latency ${r.health.maxLatencyMs} ms, misses ${r.health.misses.length}`,
    `RSS before ${r.rssBeforeMb.toFixed(1)} MB, after ${r.rssAfterMb.toFixed(1)} MB (bound +${RSS_BOUND_MB} MB)`,
    `bad-frame counter delta ${r.statsAfter.badFramesTotal - r.statsBefore.badFramesTotal} vs expected ${t.countable}`,
    `steady agent: sent ${r.steady.sent}, acked ${r.steady.acked}, stored ${r.steady.stored}`,
    `hub error log lines: ${r.hubErrors.count}`,
  ].join('\n[fuzz]   ');
}

/** Samples on disk for one server (sum of the minute rows' counts), read after the hub stopped. */
function storedSamples(dataDir: string, serverId: string): number | string {
  try {
    const db = new Database(path.join(dataDir, 'hivewatch.db'), { readonly: true });
    try {
      const row = db
        .prepare(
          'SELECT COALESCE(SUM(m.n), 0) AS n FROM minute_records m JOIN record_series s ON s.id = m.seriesId WHERE s.serverId = ?',
        )
        .get(serverId) as { n: number };
      return row.n;
    } finally {
      db.close();
    }
  } catch (err) {
    return `unreadable: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}
