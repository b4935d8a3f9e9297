import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ExecRunner } from '../exec/exec-runner.js';

const nobody = /^nobody:[^:]*:(\d+):(\d+):/m.exec(readFileSync('/etc/passwd', 'utf8'));
const asRoot = process.getuid?.() === 0 && nobody !== null;

/** The `exec` section as the agent hands it to the runner (agent.ts), with real processes. */
describe('exec config reaches the runner', () => {
  (asRoot ? it : it.skip)('runs a command as the configured user, with no supplementary groups', async () => {
    const own = process.getgroups!();
    process.setgroups!([...own, 4]); // a group the agent holds must not reach the command
    let result;
    try {
      result = await new ExecRunner({ runAs: 'nobody' }).run({ request: { command: 'id -un; id -G' } });
    } finally {
      process.setgroups!(own);
    }
    expect(result.stdout.head).toBe(`nobody\n${nobody![2]}\n`);
  });

  it("applies the host's default timeout when the request names none, the request's otherwise", async () => {
    const runner = new ExecRunner({ shell: '/bin/sh', defaultTimeoutMs: 300 });
    const defaulted = await runner.run({ request: { command: 'sleep 30' } });
    expect(defaulted.timedOut).toBe(true);
    expect(defaulted.durationMs).toBeLessThan(10_000);
    const named = await runner.run({ request: { command: 'sleep 1; echo done', timeoutMs: 20_000 } });
    expect([named.timedOut, named.stdout.head]).toEqual([false, 'done\n']);
  });
});
