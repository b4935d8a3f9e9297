import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProcessTable } from './process-table.js';
import { countPhysicalCores, cpuModel } from './server-info.js';

/** A /proc with two processes, one whose name holds spaces and parentheses. */
describe('ProcessTable', () => {
  let proc: string;
  let now = 1_000_000;
  const stat = (pid: number, comm: string, state: string, ticks: number) =>
    `${pid} (${comm}) ${state} 1 ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${ticks} 0 0 0 20 0 3 0 500 1000000 2560 18446744073709551615\n`;
  beforeAll(() => {
    proc = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-proc-'));
    fs.writeFileSync(path.join(proc, 'meminfo'), 'MemTotal:        1024000 kB\nMemFree:  1 kB\n');
    fs.writeFileSync(path.join(proc, 'uptime'), '105.00 200.00\n');
    for (const [pid, comm, state, uid] of [
      [1, 'systemd', 'S', 0],
      [4242, 'tmux: server (1) x', 'R', 1000],
    ] as const) {
      fs.mkdirSync(path.join(proc, String(pid)));
      fs.writeFileSync(path.join(proc, String(pid), 'stat'), stat(pid, comm, state, 100));
      fs.writeFileSync(
        path.join(proc, String(pid), 'status'),
        `Name:\t${comm}\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`,
      );
      fs.writeFileSync(path.join(proc, String(pid), 'cmdline'), `${comm}\0--flag\0`);
    }
    fs.writeFileSync(
      path.join(proc, 'passwd'),
      'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n',
    );
  });
  afterAll(() => fs.rmSync(proc, { recursive: true, force: true }));

  it('lists processes with psutil-style fields; CPU since the previous listing', () => {
    const table = new ProcessTable({ procRoot: proc, passwdPath: path.join(proc, 'passwd'), now: () => now });
    const first = table.list();
    // 100 ticks (1 s of CPU) over the 100 s since it started at tick 500 (5 s after boot, uptime 105 s).
    expect(first).toContainEqual({
      pid: 4242,
      name: 'tmux: server (1) x',
      user: 'alice',
      status: 'running',
      cpuPercent: 1,
      memoryPercent: expect.closeTo((2560 * 4096 * 100) / (1024000 * 1024), 1),
    });
    fs.writeFileSync(path.join(proc, '4242', 'stat'), stat(4242, 'tmux: server (1) x', 'R', 150));
    now += 1000; // 0.5 s of CPU in 1 s
    expect(table.list().find((p) => p.pid === 4242)?.cpuPercent).toBe(50);
  });

  it('details one process and answers undefined for a missing one', () => {
    const table = new ProcessTable({ procRoot: proc, passwdPath: path.join(proc, 'passwd'), now: () => now });
    expect(table.get(1)).toMatchObject({
      pid: 1,
      user: 'root',
      status: 'sleeping',
      cmdline: 'systemd --flag',
      nice: 0,
      numThreads: 3,
      uptimeSeconds: 100,
    });
    expect(table.get(999)).toBeUndefined();
  });
});

describe('server info parsing', () => {
  it('counts physical cores and reads the CPU model', () => {
    const block = (p: number, c: number) =>
      `processor\t: ${p * 2 + c}\nmodel name\t: AMD EPYC 7302P\nphysical id\t: 0\ncore id\t\t: ${c}\n`;
    const cpuinfo = [block(0, 0), block(1, 0), block(0, 1), block(1, 1)].join('\n');
    expect(countPhysicalCores(cpuinfo)).toBe(2);
    expect(cpuModel(cpuinfo)).toBe('AMD EPYC 7302P');
    expect(countPhysicalCores('processor\t: 0\nModel\t\t: Raspberry Pi 4\n')).toBeNull();
  });
});
