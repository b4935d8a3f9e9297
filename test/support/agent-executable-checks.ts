import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { expect } from '@jest/globals';
import request from 'supertest';
import { eventuallyDefined } from './agents/real-agent.js';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Runs an agent program (`command` with `prefixArgs` before the agent's own, e.g. qemu's) against a
 * real hub as the given server, with nothing but /usr/bin:/bin on PATH and its files under `home`;
 * resolves once the hub has stored a CPU figure from it, then stops it and returns what it logged.
 */
export async function expectReportsToHub(opts: {
  hubUrl: string;
  cookie: string;
  server: { id: string; token: string };
  command: string;
  prefixArgs?: string[];
  extraArgs?: string[];
  home: string;
  timeoutMs: number;
}): Promise<string> {
  const { hubUrl, cookie, server, home } = opts;
  const agent = spawn(
    opts.command,
    [
      ...(opts.prefixArgs ?? []),
      '--hub',
      hubUrl,
      '--interval',
      '1',
      '--config',
      path.join(home, 'agent.json'),
      '--state',
      path.join(home, 'state.json'),
      '--machine-id-file',
      path.join(home, 'machine-id'),
      ...(opts.extraArgs ?? []),
    ],
    {
      env: { PATH: '/usr/bin:/bin', HIVEWATCH_AGENT_ID: server.id, HIVEWATCH_AGENT_TOKEN: server.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  agent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  agent.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise((resolve) => agent.on('exit', resolve));
  try {
    const stored = await eventuallyDefined(async () => {
      const res = await request(hubUrl)
        .get(`/api/v1/servers/${server.id}/records?metrics=cpu`)
        .set('Cookie', cookie);
      const points = (res.body as { points?: { cpu?: { avg: number } }[] }).points ?? [];
      return points.find((p) => p.cpu !== undefined);
    }, opts.timeoutMs);
    expect(stored.cpu!.avg).toBeGreaterThanOrEqual(0);
    expect(output).toContain('"authenticated"');
    expect(output).not.toContain('Warning');
  } finally {
    agent.kill('SIGTERM');
    await exited;
  }
  return output;
}

/** The hub serves `built` at /api/v1/agent/download/{platform} with its SHA-256 in a header and a sha256sum line. */
export async function expectServedExecutable(hubUrl: string, platform: string, built: Buffer): Promise<void> {
  const res = await request(hubUrl)
    .get(`/api/v1/agent/download/${platform}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect((res.body as Buffer).equals(built)).toBe(true);
  expect(res.headers['x-hivewatch-sha256']).toBe(sha256(built));
  expect(res.headers['content-disposition']).toMatch(new RegExp(`filename="?hivewatch-agent-${platform}"?`));
  const line = await request(hubUrl).get(`/api/v1/agent/download/${platform}.sha256`).expect(200);
  expect(line.text).toBe(`${sha256(built)}  hivewatch-agent-${platform}\n`);
}
