// The agent `npm start` runs beside the hub so that a new user sees this machine on the dashboard.
// Its config and state live in <data>/local-agent/ (0700 folder, 0600 files). Opt out with
// HIVEWATCH_LOCAL_AGENT=0.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Builds the bundle and makes sure the agent has credentials or a fresh enrollment key. False = skip it.
 * `run(args, options)` runs one node step to its end (start.mjs's, so that a stop signal reaches it).
 */
export async function prepareLocalAgent({ root, dataDir, hubUrl, nodeArgs, env, run }) {
  if (env.HIVEWATCH_LOCAL_AGENT === '0') return false;
  const build = await run([path.join(root, 'agent', 'build.mjs'), '--no-check']);
  if (build.status !== 0) {
    console.warn('Could not build the local agent; the hub starts without it.');
    return false;
  }
  const dir = path.join(dataDir, 'local-agent');
  const configFile = path.join(dir, 'agent.json');
  const state = readJson(path.join(dir, 'state.json'));
  const config = readJson(configFile);
  if (state?.agentId && state?.token) {
    // Enrolled: the one-time key has no further use, so it does not stay on disk.
    if (config?.enrollmentKey) {
      delete config.enrollmentKey;
      writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    }
    return configFile;
  }
  console.log('Creating an enrollment key for the local agent…');
  const made = await run(
    [...nodeArgs, path.join(root, 'scripts', 'local-agent-key.mjs'), configFile, hubUrl],
    {
      env: { HIVEWATCH_LOG_LEVEL: 'warn', ...env },
    },
  );
  if (made.status !== 0 || !existsSync(configFile)) {
    console.warn('Could not create the local agent enrollment key; the hub starts without it.');
    return false;
  }
  return configFile;
}

/** Starts the bundled agent; it retries with backoff until the hub listens. */
export function startLocalAgent({ root, configFile }) {
  return spawn(
    process.execPath,
    [path.join(root, 'dist', 'agent', 'hivewatch-agent.cjs'), '--config', configFile],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
