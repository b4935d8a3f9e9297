import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

const STAMP = path.resolve('scripts', 'agent-stamp.mjs');

/**
 * How `npm start` decides to rebuild the agent executable (scripts/agent-stamp.mjs): a stale one is
 * rebuilt, an up-to-date one is not, whatever the files' modification times say. On a small tree of
 * its own (`--root`), so that it touches nothing of the repository.
 */
describe('npm start: is the agent executable up to date?', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-agent-stamp-'));
  const exe = path.join(root, 'dist', 'agent', `hivewatch-agent-${process.platform}-${process.arch}`);
  const source = path.join(root, 'agent', 'src', 'main.ts');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const stamp = (command: 'check' | 'write') =>
    spawnSync(process.execPath, [STAMP, command, '--root', root], { encoding: 'utf8' });
  const fresh = () => {
    const { status, stderr } = stamp('check');
    if (status !== 0 && status !== 1) throw new Error(`agent-stamp check failed (${status}): ${stderr}`);
    return status === 0;
  };
  /** Sets a file's modification time `seconds` from now. */
  const age = (file: string, seconds: number) => {
    const at = new Date(Date.now() + seconds * 1000);
    fs.utimesSync(file, at, at);
  };
  const write = (file: string, content: string, seconds: number) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    age(file, seconds);
  };

  it('rebuilds when the executable is missing or its inputs changed, not when they were only touched', () => {
    write(source, 'export const a = 1;\n', -100);
    write(path.join(root, 'libs', 'protocol', 'src', 'index.ts'), 'export {};\n', -100);
    expect(fresh()).toBe(false); // not built

    write(exe, 'built', -50); // built by hand, after its sources: no stamp, the mtimes decide
    expect(fresh()).toBe(true);
    age(source, -10);
    expect(fresh()).toBe(false);

    write(exe, 'built again', -5);
    expect(stamp('write').status).toBe(0);
    expect(fresh()).toBe(true);
    age(source, 0); // a checkout or `touch`: newer, same content
    expect(fresh()).toBe(true);
    write(path.join(root, 'agent', 'src', 'main.spec.ts'), 'test', 0); // specs are not built in
    expect(fresh()).toBe(true);

    write(source, 'export const a = 2;\n', -100); // changed, even with an older mtime
    expect(fresh()).toBe(false);
    write(source, 'export const a = 1;\n', 0);
    expect(fresh()).toBe(true);
    write(path.join(root, 'libs', 'protocol', 'src', 'frames.ts'), 'export {};\n', -100); // a new file
    expect(fresh()).toBe(false);
  });

  it('refuses an unknown command', () => {
    const wrong = spawnSync(process.execPath, [STAMP, 'frobnicate'], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('usage: node scripts/agent-stamp.mjs check|write');
  });
});
