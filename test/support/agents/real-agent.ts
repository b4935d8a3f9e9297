import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, type AgentOptions } from '../../../agent/src/agent.js';
import { resolveConfig, type AgentConfigInput } from '../../../agent/src/config/agent-config.js';
import { Backoff } from '../../../agent/src/connection/backoff.js';
import { JsonLogger, type LogLevel } from '../../../agent/src/log/logger.js';
import { eventually } from './fixtures.js';

/** Folder with the fake systemctl/journalctl that replay recorded Debian output. */
export const FAKE_SYSTEMD_BIN = path.resolve('agent/test-fixtures/systemd/bin');

export interface RealAgentHandle {
  agent: Agent;
  dir: string;
  /** One line per fake systemctl/journalctl invocation. */
  toolLog: string;
  toolCalls(prefix: string): string[];
  stop(): void;
}

/**
 * Our real agent, in-process, with its config and state in a fresh temporary folder, the fake systemd
 * tools first on PATH, and a short reconnect backoff (tests should not wait for the 1 s → 60 s one).
 */
export async function startRealAgent(
  hubUrl: string,
  input: AgentConfigInput,
  extra: Partial<AgentOptions> & { systemdDown?: boolean; dir?: string } = {},
): Promise<RealAgentHandle> {
  const dir = extra.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-agent-'));
  const toolLog = path.join(dir, 'tools.log');
  const config = resolveConfig(input, {
    hubUrl,
    configFile: path.join(dir, 'agent.json'),
    stateFile: path.join(dir, 'state', 'state.json'),
    metricsInterval: 1,
    backfillRate: 200,
  });
  const level = (process.env.HIVEWATCH_TEST_LOG_LEVEL ?? 'silent') as LogLevel;
  const agent = new Agent({
    config,
    logger: new JsonLogger(level === 'debug' || level === 'info' ? level : 'silent'),
    backoff: new Backoff(50, 500),
    toolEnv: {
      ...process.env,
      PATH: `${FAKE_SYSTEMD_BIN}:${process.env.PATH ?? ''}`,
      HIVEWATCH_FAKE_SYSTEMD_LOG: toolLog,
      HIVEWATCH_FAKE_SYSTEMD_DOWN: extra.systemdDown ? '1' : '0',
    },
    ...extra,
  });
  await agent.start();
  return {
    agent,
    dir,
    toolLog,
    toolCalls: (prefix) =>
      fs.existsSync(toolLog)
        ? fs
            .readFileSync(toolLog, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith(prefix))
        : [],
    stop() {
      agent.stop();
      if (!extra.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `eventually` for checks that answer undefined until ready; the result is then defined. */
export async function eventuallyDefined<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs?: number,
  everyMs?: number,
): Promise<T> {
  const value = await eventually(check, timeoutMs, everyMs);
  if (value === undefined) throw new Error('condition not met');
  return value;
}
