import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AGENT_VERSION } from '../../agent/src/version.js';
import { createServer } from '../support/agents/fixtures.js';
import { expectReportsToHub } from '../support/agent-executable-checks.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

const root = path.resolve('.');
const exeName = `hivewatch-agent-linux-${process.arch}`;

/**
 * The agent as one executable (Node single-executable application, agent/build-exe.mjs): built with
 * the real `npm run build:agent:exe` into a folder of its own, it runs with nothing but itself, takes
 * the bundle's command line and reports to a real hub. Also: a native addon carried in an executable
 * is extracted to a private folder, checked and loaded.
 */
describe('the agent executable', () => {
  let work: string;
  let exe: string;
  let hub: TestApp;
  let cookie: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-agent-exe-'));
    const built = spawnSync('npm', ['run', 'build:agent:exe', '--', '--no-check', '--out-dir', work], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build:agent:exe failed\n${built.stdout}\n${built.stderr}`);
    expect(built.stdout).toContain(`agent executable linux-${process.arch}: `);
    exe = path.join(work, exeName);
    hub = await startTestApp({ HIVEWATCH_RECORDS_FLUSH_SECONDS: '1' });
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    await hub?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Runs the executable with an environment that holds no Node at all on PATH. */
  const runExe = (args: string[]) =>
    spawnSync(exe, args, { encoding: 'utf8', env: { PATH: '/nonexistent', HOME: work } });

  it('is a native executable that answers --version and --help like the bundle', () => {
    expect(fs.readFileSync(exe).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    const version = runExe(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(AGENT_VERSION);
    expect(version.stderr).toBe('');

    const help = runExe(['--help']);
    const bundleHelp = spawnSync(process.execPath, [path.join(work, 'hivewatch-agent.cjs'), '--help'], {
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: hivewatch-agent [options]');
    expect(help.stdout).toBe(bundleHelp.stdout);

    const wrong = runExe(['--server', 'x']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--server'");
    expect(wrong.stderr).not.toContain('Warning');
  });

  it('reports to a real hub: a metrics sample is stored', async () => {
    const server = await createServer(hub.url, cookie);
    await expectReportsToHub({
      hubUrl: hub.url,
      cookie,
      server,
      command: exe,
      home: path.join(work, 'host'),
      timeoutMs: 30_000,
    });
  });
});

describe('native addons in a single executable', () => {
  // The mechanism on its own, with argon2's addon (a hub dependency, N-API) in a test program; the
  // agent's own PTY addon is exercised by agent-terminal-executable.e2e-spec.ts.
  const addon = path.join(root, 'node_modules', 'argon2', 'build', 'Release', 'argon2.node');
  let work: string;
  let exe: string;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-sea-native-'));
    exe = path.join(work, 'sea-native');
    // The same two steps as agent/build-exe.mjs: bundle, then inject into a copy of this Node.
    const script = `
      import { bundleOneFile } from './scripts/bundle-one-file.mjs';
      import { buildSeaExecutable } from './agent/sea-executable.mjs';
      const [entry, main, output, addon] = process.argv.slice(1);
      await bundleOneFile({ name: 'native addon test program', root: '.', entry, outfile: main });
      await buildSeaExecutable({ main, output, assets: { 'native/argon2.node': addon }, strip: false });`;
    const built = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        script,
        path.join(root, 'agent', 'src', 'native', 'native-addon-probe.spec-helper.ts'),
        path.join(work, 'sea-native.cjs'),
        exe,
        addon,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`could not build the test executable\n${built.stderr}`);
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  const run = (name: string, stateFile: string) =>
    spawnSync(exe, [name, stateFile], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
  const digest = createHash('sha256').update(fs.readFileSync(addon)).digest('hex');

  it('extracts the addon to a private folder under the state directory and loads it', () => {
    const stateFile = path.join(work, 'state-a', 'state.json');
    const result = run('argon2', stateFile);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ exports: ['hash'] });
    const dir = path.join(work, 'state-a', 'native');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const file = path.join(dir, `argon2-${digest}.node`);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
    expect(fs.readFileSync(file).equals(fs.readFileSync(addon))).toBe(true);
  });

  it('replaces an extracted file whose content changed instead of loading it', () => {
    const stateFile = path.join(work, 'state-b', 'state.json');
    expect(run('argon2', stateFile).status).toBe(0);
    const file = path.join(work, 'state-b', 'native', `argon2-${digest}.node`);
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, 'not the addon');
    const again = run('argon2', stateFile);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual({ exports: ['hash'] });
    expect(fs.readFileSync(file).equals(fs.readFileSync(addon))).toBe(true);
  });

  it('refuses a folder others can write, and an addon the executable does not carry', () => {
    const open = path.join(work, 'state-c');
    fs.mkdirSync(path.join(open, 'native'), { recursive: true, mode: 0o777 });
    fs.chmodSync(path.join(open, 'native'), 0o777);
    const refused = run('argon2', path.join(open, 'state.json'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('must be private (mode 0700)');

    const missing = run('node-pty', path.join(work, 'state-d', 'state.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("this executable does not carry the native addon 'node-pty'");
  });
});
