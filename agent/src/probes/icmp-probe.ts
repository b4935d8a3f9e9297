import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { PROBE_ICMP_COUNT_DEFAULT, type PingResultPayload, type PingTask } from '@hivewatch/protocol';
import { errorMessage } from '../log/logger.js';
import { parsePingOutput, pingErrorLine } from './ping-output.js';
import { probeHost } from './probe-target.js';
import { round, tcpConnect } from './tcp-probe.js';

export type ProbeOutcome = Omit<PingResultPayload, 'taskId' | 'at'>;

/** Output kept from one ping run (a few lines per echo; ample for 20). */
const OUTPUT_MAX_CHARS = 16_384;
const FALLBACK_PORTS = [443, 80] as const;

/**
 * The system `ping` when ICMP is possible here: the agent runs as root (no unprivileged ICMP on
 * the hosts we target) and iputils `ping` is on the PATH. Undefined otherwise.
 */
export function findPing(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const dirs = [...(env.PATH ?? '').split(':'), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs.filter((d) => d !== '')) {
    const candidate = path.join(dir, 'ping');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** One ICMP run: `ping -n -c N -W s -i 0.2 -- host` (argv, no shell), or the TCP fallback without `ping`. */
export async function runIcmp(task: PingTask, pingPath: string | undefined): Promise<ProbeOutcome> {
  const host = probeHost(task.target);
  if (host === undefined) return failed('icmp', 'target is not a host name or address');
  if (pingPath === undefined) return tcpFallback(host, task.timeoutMs);
  const count = task.icmpCount ?? PROBE_ICMP_COUNT_DEFAULT;
  const waitSeconds = Math.max(1, Math.ceil(task.timeoutMs / 1000));
  const args = ['-n', '-c', String(count), '-W', String(waitSeconds), '-i', '0.2', '--', host];
  const { stdout, stderr, spawnError } = await runPing(pingPath, args, count * 200 + task.timeoutMs + 1000);
  if (spawnError !== undefined) return failed('icmp', `could not run ping: ${spawnError}`);
  const summary = parsePingOutput(stdout);
  if (!summary) return failed('icmp', pingErrorLine(stderr) ?? 'ping printed no statistics');
  const up = summary.received > 0;
  return {
    success: up,
    latencyMs: up && summary.rttAvgMs !== null ? round(summary.rttAvgMs) : null,
    error: up ? null : `no reply (${summary.lossPercent}% packet loss)`,
    method: 'icmp',
    icmp: summary,
  };
}

interface PingRun {
  stdout: string;
  stderr: string;
  spawnError?: string;
}

function runPing(file: string, args: string[], killAfterMs: number): Promise<PingRun> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { LC_ALL: 'C', PATH: '/usr/bin:/bin' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < OUTPUT_MAX_CHARS) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < OUTPUT_MAX_CHARS) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGINT'), killAfterMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, spawnError: errorMessage(error) });
    });
    child.once('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}

/** Without ICMP: a TCP connect to port 443, then 80; the run says so (`method: tcp-fallback`). */
async function tcpFallback(host: string, timeoutMs: number): Promise<ProbeOutcome> {
  const errors: string[] = [];
  for (const port of FALLBACK_PORTS) {
    const outcome = await tcpConnect(host, port, timeoutMs);
    if (outcome.ok)
      return { success: true, latencyMs: outcome.latencyMs, error: null, method: 'tcp-fallback' };
    errors.push(`port ${port}: ${outcome.error}`);
  }
  return failed(
    'tcp-fallback',
    `ICMP is not available on this host (the agent is not root or has no ping); TCP fallback failed: ${errors.join('; ')}`,
  );
}

export function failed(method: ProbeOutcome['method'], error: string): ProbeOutcome {
  return { success: false, latencyMs: null, error, method };
}
