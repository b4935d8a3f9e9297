import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { EXEC_OUTPUT_CAP_DEFAULT_BYTES, type ExecRequest } from '@hivewatch/protocol';
import { ExecRunner, type ExecChunk } from './exec-runner.js';

const runner = new ExecRunner();
const run = (request: ExecRequest, chunks?: ExecChunk[]) =>
  runner.run({ request, onChunk: chunks ? (c) => chunks.push(c) : undefined });

/** Live (not zombie) processes whose process group is `pgid`, from /proc. */
function liveInGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) found.push(Number(entry));
  }
  return found;
}

function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** Whether `pid` is still alive after up to `ms` (SIGKILL is sent; on a loaded machine dying takes a moment). */
async function aliveAfter(pid: number, ms = 2000): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return alive(pid);
}

describe('ExecRunner (real processes)', () => {
  const secret = 'HIVEWATCH_EXEC_TEST_SECRET';
  process.env[secret] = 'must-not-leak';
  afterAll(() => {
    delete process.env[secret];
  });

  it('keeps stdout and stderr apart, with the exit code and times', async () => {
    const before = Date.now();
    const result = await run({ command: 'echo out; echo err >&2; exit 3' });
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toEqual({ head: 'out\n', tail: '', droppedBytes: 0, totalBytes: 4 });
    expect(result.stderr).toEqual({ head: 'err\n', tail: '', droppedBytes: 0, totalBytes: 4 });
    expect(result.startedAt).toBeGreaterThanOrEqual(before);
    expect(result.endedAt - result.startedAt).toBe(result.durationMs);
  });

  it("gives the command only the allow-listed environment, never the agent's", async () => {
    const result = await run({ command: 'env' });
    const names = result.stdout.head
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0])
      .filter((name) => name !== 'PWD' && name !== 'SHLVL' && name !== '_'); // set by the shell itself
    expect(names.sort()).toEqual(['HOME', 'LANG', 'PATH', 'SHELL', 'TERM', 'USER']);
    expect(result.stdout.head).not.toContain('must-not-leak');
  });

  it('caps a 5 MiB printer head+tail, counts the dropped bytes and streams at most the cap live', async () => {
    const chunks: ExecChunk[] = [];
    const result = await run({ command: "head -c 5242880 /dev/zero | tr '\\0' a; printf END" }, chunks);
    const cap = EXEC_OUTPUT_CAP_DEFAULT_BYTES;
    expect(result.exitCode).toBe(0);
    expect(result.stdout.totalBytes).toBe(5242880 + 3);
    expect(result.stdout.droppedBytes).toBe(5242880 + 3 - cap);
    expect(result.stdout.head).toBe('a'.repeat(cap / 2));
    expect(result.stdout.tail).toBe(`${'a'.repeat(cap / 2 - 3)}END`);
    const streamed = chunks.reduce((sum, c) => sum + c.data.length, 0);
    expect(streamed).toBe(cap);
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
  });

  it('times out a never-ending command and kills its whole process group, children included', async () => {
    const chunks: ExecChunk[] = [];
    const result = await run(
      {
        command: 'echo $$; sleep 300 & echo $!; sh -c "sleep 300" & echo $!; while :; do sleep 1; done',
        // long enough for the three echoes on a loaded machine
        timeoutMs: 3000,
      },
      chunks,
    );
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGTERM');
    const pids = result.stdout.head.trim().split('\n').map(Number);
    expect(pids).toHaveLength(3);
    const pgid = pids[0] ?? 0;
    for (const pid of pids) expect(await aliveAfter(pid)).toBe(false);
    expect(liveInGroup(pgid)).toEqual([]);
  });

  it('escalates to SIGKILL when the command ignores SIGTERM', async () => {
    const result = await run({ command: "trap '' TERM; while :; do sleep 1; done", timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
  });

  it('kills background children left behind when the shell exits', async () => {
    const result = await run({ command: 'sleep 300 & echo $!' });
    expect(result.exitCode).toBe(0);
    const pid = Number(result.stdout.head.trim());
    expect(await aliveAfter(pid)).toBe(false);
  });

  it('reports a shell that cannot start as exit 127 with the reason', async () => {
    const result = await new ExecRunner({ shell: '/nonexistent/shell' }).run({
      request: { command: 'true' },
    });
    expect(result.exitCode).toBe(127);
    expect(result.stderr.head).toContain('cannot start /nonexistent/shell');
  });

  it('refuses an unknown run-as user by name', () => {
    expect(() => new ExecRunner({ runAs: 'no-such-user-hivewatch' })).toThrow(
      "run-as user 'no-such-user-hivewatch' does not exist on this host",
    );
  });
});
