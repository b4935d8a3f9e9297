import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AGENT_VERSION } from '../../agent/src/version.js';
import { AGENT_ARTIFACTS } from '../../src/downloads/agent-artifacts.js';
import { withAgentBuildLock } from '../support/agent-artifacts.js';
import { createServer } from '../support/agents/fixtures.js';
import { expectReportsToHub, expectServedExecutable } from '../support/agent-executable-checks.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(600_000);

const root = path.resolve('.');
/** qemu user-mode runs an arm64 Linux program on this x64 machine, with Debian's arm64 glibc. */
const QEMU = '/usr/bin/qemu-aarch64-static';
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu';
const INSTALL = 'apt-get install -y qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross';
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function requireQemu(): void {
  const missing = [QEMU, path.join(ARM64_SYSROOT, 'lib', 'ld-linux-aarch64.so.1')].filter(
    (f) => !fs.existsSync(f),
  );
  if (missing.length > 0)
    throw new Error(
      `${missing.join(', ')} missing: the linux-arm64 agent runs under qemu here. Run \`${INSTALL}\``,
    );
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed\n${result.stdout}\n${result.stderr}`);
  return result.stdout + result.stderr;
}

/** Runs an arm64 program under qemu with an environment that holds no Node at all on PATH. */
const qemu = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(QEMU, ['-L', ARM64_SYSROOT, ...args], {
    encoding: 'utf8',
    env: { PATH: '/nonexistent', ...env },
  });

/**
 * The agent for linux-arm64, built on this x64 machine by the documented command (agent/build-exe.mjs
 * with `--platform linux-arm64`: the official arm64 Node of the same version from the npm registry,
 * verified, plus the same SEA blob), run under qemu: it answers like the bundle, reports to a real
 * hub, and the hub serves it with its SHA-256.
 */
describe('the linux-arm64 agent executable', () => {
  const exe = path.join(root, AGENT_ARTIFACTS['linux-arm64'].executable);
  let work: string;
  let buildOutput: string;
  let hub: TestApp;
  let cookie: string;

  beforeAll(async () => {
    requireQemu();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-agent-arm64-'));
    // dist/agent is shared with the suites that build this machine's executable: one build at a time.
    buildOutput = withAgentBuildLock(() =>
      run('npm', ['run', 'build:agent:exe', '--', '--no-check', '--platform', 'linux-arm64']),
    );
    hub = await startTestApp({ HIVEWATCH_RECORDS_FLUSH_SECONDS: '1' });
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    await hub?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('is an arm64 Linux ELF executable carrying the agent', () => {
    expect(buildOutput).toContain('agent executable linux-arm64: dist/agent/hivewatch-agent-linux-arm64 (');
    expect(buildOutput).not.toContain('agent executable linux-x64');
    const bytes = fs.readFileSync(exe);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(bytes[4]).toBe(2); // ELFCLASS64
    expect(bytes[5]).toBe(1); // little-endian
    expect([2, 3]).toContain(bytes.readUInt16LE(16)); // ET_EXEC or ET_DYN (PIE)
    expect(bytes.readUInt16LE(18)).toBe(0xb7); // EM_AARCH64
    expect(fs.statSync(exe).mode & 0o111).toBe(0o111);
    expect(bytes.includes(`${SEA_FUSE}:1`)).toBe(true); // a blob was injected
  });

  it('runs under qemu: --version, --help and a bad option answer like the bundle', () => {
    const version = qemu([exe, '--version'], { HOME: work });
    expect(version.stderr).toBe('');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(AGENT_VERSION);

    const help = qemu([exe, '--help'], { HOME: work });
    const bundleHelp = spawnSync(
      process.execPath,
      [path.join(root, 'dist', 'agent', 'hivewatch-agent.cjs'), '--help'],
      {
        encoding: 'utf8',
      },
    );
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: hivewatch-agent [options]');
    expect(help.stdout).toBe(bundleHelp.stdout);

    const wrong = qemu([exe, '--server', 'x'], { HOME: work });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--server'");
  });

  it('reports to a real hub under qemu: a metrics sample is stored', async () => {
    const server = await createServer(hub.url, cookie);
    const output = await expectReportsToHub({
      hubUrl: hub.url,
      cookie,
      server,
      command: QEMU,
      prefixArgs: ['-L', ARM64_SYSROOT, exe],
      // No PTY addon for arm64 (agent/build-exe.mjs): the terminal says so; the agent runs on.
      extraArgs: ['--capabilities', 'terminal'],
      home: path.join(work, 'host'),
      timeoutMs: 120_000,
    });
    expect(output).toContain(
      "the terminal is unavailable on this host: this executable does not carry the native addon 'node-pty' (not built for linux-arm64)",
    );
  });

  it('is served by the hub at /api/v1/agent/download/linux-arm64 with its SHA-256', async () => {
    await expectServedExecutable(hub.url, 'linux-arm64', fs.readFileSync(exe));
  });

  it('refuses an unknown platform before building anything', () => {
    const result = spawnSync(
      'npm',
      ['run', 'build:agent:exe', '--', '--platform', 'linux-riscv64', '--out-dir', work],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown platform 'linux-riscv64' (known: linux-x64, linux-arm64)");
    expect(fs.existsSync(path.join(work, 'hivewatch-agent.cjs'))).toBe(false);
  });
});

describe('a native addon the linux-arm64 executable does not carry', () => {
  let work: string;
  let exe: string;

  beforeAll(() => {
    requireQemu();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-sea-arm64-'));
    exe = path.join(work, 'sea-native-arm64');
    // The test program of agent-executable.e2e-spec.ts, built as build-exe.mjs builds for arm64.
    const script = `
      import { bundleOneFile } from './scripts/bundle-one-file.mjs';
      import { fetchNodeRuntime } from './agent/node-runtime.mjs';
      import { buildSeaExecutable } from './agent/sea-executable.mjs';
      const [entry, main, output, workDir] = process.argv.slice(1);
      await bundleOneFile({ name: 'native addon test program', root: '.', entry, outfile: main });
      const nodeBinary = fetchNodeRuntime({ arch: 'arm64', workDir });
      await buildSeaExecutable({ main, output, nodeBinary, strip: false });`;
    run(process.execPath, [
      '--input-type=module',
      '-e',
      script,
      path.join(root, 'agent', 'src', 'native', 'native-addon-probe.spec-helper.ts'),
      path.join(work, 'sea-native.cjs'),
      exe,
      work,
    ]);
  });
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('starts and names the feature that needs it as unavailable', () => {
    const result = qemu([exe, 'node-pty', path.join(work, 'state', 'state.json'), 'the terminal']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "this executable does not carry the native addon 'node-pty' (not built for linux-arm64): " +
        'the terminal is unavailable on this host',
    );
  });
});
