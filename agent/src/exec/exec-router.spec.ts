import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExecResult } from '@hivewatch/protocol';
import { JsonLogger } from '../log/logger.js';
import { RequestRouter } from '../requests/request-router.js';
import { SystemdClient } from '../systemd/systemd-client.js';
import { ProcessTable } from '../requests/process-table.js';
import { createExecHandler } from './exec-handler.js';
import { ExecRunner } from './exec-runner.js';

function router(capabilities: string[], sent: string[], runner = new ExecRunner()) {
  const logger = new JsonLogger('silent');
  return new RequestRouter({
    capabilities: new Set(capabilities as never[]),
    systemd: new SystemdClient({
      runner: { run: () => Promise.resolve({ code: 0, stdout: '', stderr: '' }) },
    }),
    processes: new ProcessTable(),
    logger,
    applyConfig: () => undefined,
    exec: createExecHandler({ runner, logger, send: (text) => sent.push(text) > 0 }),
  });
}

describe('exec through the request router (real processes)', () => {
  it('runs a repeated request id once: the response cache answers the re-send', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hw-exec-'));
    try {
      const file = path.join(dir, 'runs');
      const r = router(['exec'], []);
      const request = { id: 4242, action: 'exec', payload: { command: `echo ran >> ${file}; sleep 0.2` } };
      const first = r.handle(request);
      const second = r.handle(request); // while the first still runs
      expect(second.cached).toBe(true);
      const [a, b] = await Promise.all([first.response, second.response]);
      expect(b).toEqual(a);
      const third = r.handle(request); // after it finished
      expect(third.cached).toBe(true);
      await third.response;
      expect(readFileSync(file, 'utf8')).toBe('ran\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams exec-output events tagged with the request id, then answers with the result', async () => {
    const sent: string[] = [];
    const r = router(['exec'], sent);
    const response = await r.handle({
      id: 77,
      action: 'exec',
      payload: { command: 'printf hi; printf oops >&2' },
    }).response;
    expect(response.status).toBe('ok');
    const data = (response as { data: ExecResult }).data;
    expect([data.stdout.head, data.stderr.head, data.exitCode]).toEqual(['hi', 'oops', 0]);
    const events = sent.map(
      (text) => JSON.parse(text) as { action: string; payload: Record<string, unknown> },
    );
    expect(events.every((e) => e.action === 'exec-output' && e.payload.requestId === 77)).toBe(true);
    const text = (stream: string) =>
      events
        .filter((e) => e.payload.stream === stream)
        .map((e) => Buffer.from(e.payload.data as string, 'base64').toString())
        .join('');
    expect([text('stdout'), text('stderr')]).toEqual(['hi', 'oops']);
  });

  it('refuses exec without the capability and rejects a bad payload', async () => {
    await expect(
      router([], []).handle({ id: 1, action: 'exec', payload: { command: 'true' } }).response,
    ).resolves.toEqual({ status: 'error', message: "capability 'exec' is disabled on this host" });
    const bad = await router(['exec'], []).handle({ id: 2, action: 'exec', payload: { command: '' } })
      .response;
    expect(bad.status).toBe('error');
    const cap = await router(['exec'], []).handle({
      id: 3,
      action: 'exec',
      payload: { command: 'true', outputCapBytes: 2 * 1024 * 1024 },
    }).response;
    expect(cap.status).toBe('error');
  });

  const root = process.getuid?.() === 0;
  (root ? it : it.skip)('runs as the configured user when the agent is root', async () => {
    const result = await new ExecRunner({ runAs: 'nobody' }).run({
      request: { command: 'id -un; echo $HOME' },
    });
    expect(result.stdout.head).toBe(
      `nobody\n${readFileSync('/etc/passwd', 'utf8').match(/^nobody:[^:]*:[^:]*:[^:]*:[^:]*:([^:]*):/m)?.[1]}\n`,
    );
  });
});
