import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExecResult } from '@hivewatch/protocol';
import { JsonLogger } from '../log/logger.js';
import { ProcessTable } from '../requests/process-table.js';
import { RequestRouter, type ResponsePayload } from '../requests/request-router.js';
import { ResponseCache } from '../requests/response-cache.js';
import { SystemdClient } from '../systemd/systemd-client.js';
import { createExecHandler } from './exec-handler.js';
import { ExecRunner } from './exec-runner.js';
import { ExecRuns } from './exec-runs.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function router(cache: ResponseCache<ResponsePayload>, runs = new ExecRuns()) {
  const logger = new JsonLogger('silent');
  return new RequestRouter({
    capabilities: new Set(['exec'] as never[]),
    systemd: new SystemdClient({
      runner: { run: () => Promise.resolve({ code: 0, stdout: '', stderr: '' }) },
    }),
    processes: new ProcessTable(),
    logger,
    applyConfig: () => undefined,
    cache,
    exec: createExecHandler({ runner: new ExecRunner(), logger, send: () => true, runs }),
  });
}

const alive = (pid: number) =>
  existsSync(`/proc/${pid}/stat`) &&
  readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') === false;

describe('exec re-sends and exec-cancel (real processes)', () => {
  it('runs a command once when its id is re-sent after the response cache forgot it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hw-exec-once-'));
    try {
      const file = path.join(dir, 'runs');
      // A response cache of 50 ms stands for the real 10 minutes; the command outlives it.
      const r = router(new ResponseCache(50));
      const request = { id: 9001, action: 'exec', payload: { command: `echo ran >> ${file}; sleep 0.6` } };
      const first = r.handle(request);
      await sleep(200);
      const again = r.handle(request); // cache entry expired, command still running
      expect(again.cached).toBe(false);
      const [a, b] = await Promise.all([first.response, again.response]);
      expect(b).toEqual(a);
      await sleep(100);
      const late = r.handle(request); // finished, cache expired again: the finished run answers
      expect(late.cached).toBe(false);
      expect(await late.response).toEqual(a);
      expect(readFileSync(file, 'utf8')).toBe('ran\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forgets a finished run only after its retention, and bounds how many it keeps', async () => {
    let now = 0;
    const runs = new ExecRuns(1000, 2, () => now);
    const result = (n: number) => Promise.resolve({ exitCode: n } as unknown as ExecResult);
    let started = 0;
    const start = (n: number) => () => {
      started++;
      return result(n);
    };
    await runs.run(1, start(1)).result;
    await Promise.resolve();
    now = 999;
    expect(runs.run(1, start(1)).reused).toBe(true);
    now = 1000;
    expect(runs.run(1, start(1)).reused).toBe(false);
    expect(started).toBe(2);
    for (const id of [2, 3, 4]) await runs.run(id, start(id)).result;
    await Promise.resolve();
    runs.run(5, start(5));
    expect(runs.size).toBeLessThanOrEqual(3);
    expect(runs.cancel(4)).toBe(false); // already ended
  });

  it('exec-cancel kills the whole process group and the result says cancelled', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hw-exec-cancel-'));
    try {
      const pidFile = path.join(dir, 'pid');
      const r = router(new ResponseCache());
      const exec = r.handle({
        id: 31,
        action: 'exec',
        payload: { command: `sleep 60 & echo $! > ${pidFile}; wait`, timeoutMs: 60_000 },
      }).response;
      for (let i = 0; i < 100 && !existsSync(pidFile); i++) await sleep(20);
      await sleep(50);
      const child = Number(readFileSync(pidFile, 'utf8'));
      expect(alive(child)).toBe(true);
      const cancel = await r.handle({ id: 32, action: 'exec-cancel', payload: { requestId: 31 } }).response;
      expect(cancel).toEqual({ status: 'ok', data: { found: true } });
      const response = (await exec) as { status: 'ok'; data: ExecResult };
      expect(response.data).toMatchObject({ cancelled: true, timedOut: false, exitCode: null });
      expect(response.data.signal).toBe('SIGTERM');
      expect(alive(child)).toBe(false);
      const unknown = await r.handle({ id: 33, action: 'exec-cancel', payload: { requestId: 31 } }).response;
      expect(unknown).toEqual({ status: 'ok', data: { found: false } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
