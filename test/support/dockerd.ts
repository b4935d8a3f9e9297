import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BUSYBOX, importTestImage, TEST_IMAGE } from './dockerd-image.js';

export { TEST_IMAGE };

/**
 * A private Docker engine for tests: its own socket, data root, exec root and pidfile in a fresh temp
 * folder, no bridge and no firewall changes (`--bridge=none --iptables=false --ip6tables=false`), so
 * it never touches the machine's network or another test's engine. The test image `hivewatch/test:1`
 * is a busybox-static rootfs (Debian package busybox-static) imported from a tar; nothing downloads.
 * Containers always run with `--network none`. Needs root, `dockerd`, the `docker` CLI and /bin/busybox.
 */

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface Dockerd {
  /** The temp folder holding socket, data, exec root, pidfile and `dockerd.log`. */
  readonly dir: string;
  readonly socketPath: string;
  /** `unix:///…/docker.sock`, as DOCKER_HOST or `docker -H` take it. */
  readonly host: string;
  /** The current dockerd process (changes with restart()). */
  readonly pid: number;
  /** `hivewatch/test:1` */
  readonly image: string;
  /** Runs the docker CLI against this engine; resolves stdout (trimmed), rejects with stderr on failure. */
  run(args: readonly string[]): Promise<string>;
  /** `docker run -d --network none <args…>` (args: options, image, command); resolves the full container id. */
  startContainer(args: readonly string[]): Promise<string>;
  /** `docker create --network none <args…>`; resolves the full container id. */
  createContainer(args: readonly string[]): Promise<string>;
  /** dockerd's stderr/stdout so far (for failure messages). */
  log(): string;
  /** Stops dockerd (SIGTERM; its containers stop) and leaves it down: the socket goes away. */
  kill(): Promise<void>;
  /** Stops dockerd and starts it again on the same folder (data, image and stopped containers stay). */
  restart(): Promise<void>;
  /** Removes every container, stops dockerd (then its containerd and shims) by PID, unmounts and deletes the folder. */
  stop(): Promise<void>;
}

/** Why a private dockerd cannot run here, or null when it can. */
export function dockerdUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'dockerd needs root';
  for (const tool of ['dockerd', 'docker']) {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (apt-get install docker.io)`;
    }
  }
  if (!fs.existsSync(BUSYBOX)) return `${BUSYBOX} is missing (apt-get install busybox-static)`;
  return null;
}

export async function startDockerd(): Promise<Dockerd> {
  const reason = dockerdUnavailableReason();
  if (reason) throw new Error(`cannot start a test dockerd: ${reason}`);
  // Short path: unix socket paths are limited to 107 characters.
  const dir = fs.mkdtempSync(path.join('/tmp', 'hwd-'));
  const socketPath = path.join(dir, 'docker.sock');
  const host = `unix://${socketPath}`;
  const logPath = path.join(dir, 'dockerd.log');
  let child = spawnDockerd(dir, host, logPath);
  // A crashed test run must not leave the engine behind.
  const onExit = () => killTree(dir, child.pid ?? 0, 'SIGKILL');
  process.once('exit', onExit);
  const log = () => readText(logPath);
  const run = (args: readonly string[]) => dockerCli(host, args);
  const dockerd: Dockerd = {
    dir,
    socketPath,
    host,
    get pid() {
      return child.pid ?? 0;
    },
    image: TEST_IMAGE,
    run,
    startContainer: async (args) => run(['run', '-d', '--network', 'none', ...args]),
    createContainer: async (args) => run(['create', '--network', 'none', ...args]),
    log,
    kill: async () => {
      await stopProcess(dir, child);
    },
    restart: async () => {
      await stopProcess(dir, child);
      child = spawnDockerd(dir, host, logPath);
      await waitForEngine(child, socketPath, run, log);
    },
    stop: async () => {
      process.removeListener('exit', onExit);
      await shutdown(dir, child, run);
    },
  };
  try {
    await waitForEngine(child, socketPath, run, log);
    await importTestImage(dir, run);
  } catch (error) {
    await dockerd.stop();
    throw error;
  }
  return dockerd;
}

function spawnDockerd(dir: string, host: string, logPath: string): ChildProcess {
  const logFd = fs.openSync(logPath, 'a');
  const child = spawn(
    'dockerd',
    [
      '--host',
      host,
      '--data-root',
      path.join(dir, 'data'),
      '--exec-root',
      path.join(dir, 'exec'),
      '--pidfile',
      path.join(dir, 'docker.pid'),
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
    ],
    { stdio: ['ignore', logFd, logFd], detached: true },
  );
  fs.closeSync(logFd);
  if (child.pid === undefined) throw new Error('dockerd did not start');
  return child;
}

/** SIGTERM dockerd (it stops its containers, each within its stop timeout), SIGKILL after STOP_TIMEOUT_MS. */
async function stopProcess(dir: string, child: ChildProcess): Promise<void> {
  const alive = () => child.exitCode === null && child.signalCode === null;
  if (alive() && child.pid !== undefined) signal(child.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive() && child.pid !== undefined) killTree(dir, child.pid, 'SIGKILL');
  while (fs.existsSync(path.join(dir, 'docker.sock')) && Date.now() < deadline + 2000) await sleep(50);
}

function dockerCli(host: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', ['-H', host, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`docker ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

async function waitForEngine(
  child: ChildProcess,
  socketPath: string,
  run: (args: readonly string[]) => Promise<string>,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dockerd exited:\n${log()}`);
    if (fs.existsSync(socketPath)) {
      try {
        await run(['version', '--format', '{{.Server.APIVersion}}']);
        return;
      } catch {
        /* the socket exists before the API answers */
      }
    }
    if (Date.now() > deadline)
      throw new Error(`dockerd did not answer within ${START_TIMEOUT_MS} ms:\n${log()}`);
    await sleep(200);
  }
}

async function shutdown(
  dir: string,
  child: ChildProcess,
  run: (args: readonly string[]) => Promise<string>,
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    // Remove containers first: dockerd would otherwise wait out each one's stop timeout.
    try {
      const ids = (await run(['ps', '-aq'])).split('\n').filter(Boolean);
      if (ids.length > 0) await run(['rm', '-f', ...ids]);
    } catch {
      /* the engine may already be gone */
    }
    await stopProcess(dir, child);
  }
  killTree(dir, child.pid ?? 0, 'SIGKILL');
  await sleep(100);
  unmountUnder(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** dockerd plus every process started for it (containerd, shims), found by the folder in their command line. */
function killTree(dir: string, pid: number, sig: NodeJS.Signals): void {
  if (pid > 0) signal(pid, sig);
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = readText(`/proc/${entry}/cmdline`).replaceAll('\0', ' ');
    if (cmdline.includes(`${dir}/`)) signal(Number(entry), sig);
  }
}

/** Mounts left under the folder (overlay layers, netns, shm), deepest first. */
function unmountUnder(dir: string): void {
  const mounts = readText('/proc/self/mountinfo')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((mountPoint) => mountPoint === dir || mountPoint.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const mountPoint of mounts) {
    try {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already exited */
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
