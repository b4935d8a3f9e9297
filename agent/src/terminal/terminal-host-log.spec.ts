import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { TerminalExitPayload } from '@hivewatch/protocol';
import { JsonLogger } from '../log/logger.js';
import { nodePtySpawner } from './pty-loader.js';
import { TerminalManager } from './terminal-manager.js';
import { DEFAULT_TERMINAL_OPTIONS, type TerminalOptions } from './terminal-options.js';

/** A real PTY whose manager logs into `lines` (the agent's JSON log, as journald would keep it). */
function manager(options: Partial<TerminalOptions>) {
  const lines: string[] = [];
  const exits: TerminalExitPayload[] = [];
  let output = '';
  const m = new TerminalManager(
    { ...DEFAULT_TERMINAL_OPTIONS, flushIntervalMs: 1, ...options },
    nodePtySpawner(),
    {
      output: (payload) => (output += Buffer.from(payload.data, 'base64').toString('utf8')),
      exit: (payload) => exits.push(payload),
    },
    new JsonLogger('debug', 'terminal', (line) => lines.push(line)),
  );
  return { m, lines, exits, output: () => output };
}

async function until(test: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const type = (m: TerminalManager, sessionId: string, text: string) =>
  m.input({ sessionId, data: Buffer.from(text).toString('base64') });

const nobody = /^nobody:[^:]*:(\d+):(\d+):[^:]*:([^:]*):/m.exec(readFileSync('/etc/passwd', 'utf8'));
const asRoot = process.getuid?.() === 0 && nobody !== null;

describe("the terminal in the host's log", () => {
  it('logs start and end with user, shell, pid, duration and bytes, never keystrokes or output', async () => {
    const { m, lines, exits, output } = manager({ shell: '/bin/sh' });
    m.open({ sessionId: 'log-1', cols: 80, rows: 24 });
    const pid = m.pidOf('log-1');
    type(m, 'log-1', 'printf "%s-%s\\n" secret keystroke; echo visible-output-$((40+2))\r');
    await until(() => output().includes('visible-output-42'));
    m.close({ sessionId: 'log-1' });
    await until(() => exits.length > 0);

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const user = userInfo().username;
    expect(entries).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'terminal',
        msg: 'terminal session started',
        sessionId: 'log-1',
        user,
        shell: '/bin/sh',
        pid,
      }),
      expect.objectContaining({
        msg: 'terminal session ended',
        sessionId: 'log-1',
        user,
        shell: '/bin/sh',
        pid,
        reason: 'user',
        durationMs: expect.any(Number),
        bytesIn: expect.any(Number),
        bytesOut: expect.any(Number),
      }),
    ]);
    expect(entries[1]!['bytesIn']).toBeGreaterThan(40);
    expect(entries[1]!['bytesOut']).toBeGreaterThan(0);
    const all = lines.join('');
    for (const word of ['secret', 'keystroke', 'visible-output', '40+2']) expect(all).not.toContain(word);
  });

  (asRoot ? it : it.skip)(
    'runs the shell as the configured user with only that user’s groups (never the root agent’s)',
    async () => {
      const { m, exits, output } = manager({ runAsUser: 'nobody' });
      // The agent holds a supplementary group (root under systemd has group 0, here it has none).
      const own = process.getgroups!();
      process.setgroups!([...own, 4]);
      try {
        m.open({ sessionId: 'nobody', cols: 80, rows: 24 });
      } finally {
        process.setgroups!(own);
      }
      type(m, 'nobody', 'echo "who=$(id -un) uid=$(id -u) groups=$(id -G) home=$HOME"; exit\r');
      await until(() => exits.length > 0);
      expect(output()).toContain(`who=nobody uid=${nobody![1]} groups=${nobody![2]} home=${nobody![3]}`);
    },
  );
});
