import {
  AGENT_CAPABILITIES,
  DEFAULT_METRICS_INTERVAL_SECONDS,
  MAX_METRICS_INTERVAL_SECONDS,
  SERVICE_NAME_PATTERN,
  type AgentCapability,
} from '@hivewatch/protocol';
import { LOG_LEVELS, type LogLevel } from '../log/logger.js';
import {
  EXEC_DEFAULTS,
  readExecConfig,
  readTerminalConfig,
  TERMINAL_DEFAULTS,
  type ExecConfig,
  type TerminalConfig,
} from './shell-access-config.js';
import { DOCKER_DEFAULTS, readDockerConfig, type DockerConfig } from './docker-config.js';
import { ENROLLMENT_KEY_FILE, readSecretFile, readTokenFile } from './token-file.js';

/** Everything the agent runs with, resolved once at start (flags > environment > config file > defaults). */
export interface AgentConfig {
  /** Hub address: `https://hub.example.com`, or the full `wss://…/api/v1/agents/ws`. */
  hubUrl: string;
  /** JSON config file; `update-agent-config` writes the interval and watchlist back into it. */
  configFile: string;
  /** Credentials and outbox position (mode 0600). The outbox ring sits beside it. */
  stateFile: string;
  /** One-time enrollment key (`hwe_…`); ignored once the state file holds credentials. */
  enrollmentKey?: string;
  /** File holding the enrollment key (mode 0600, read once at start): keeps it out of `ps` and the environment. */
  enrollmentKeyFile?: string;
  /** Pre-provisioned credentials (the server's id and agent token), instead of enrollment. */
  agentId?: string;
  token?: string;
  /** File holding the agent token (mode 0600, read once at start): keeps it out of `ps` and the environment. */
  tokenFile?: string;
  /** Capabilities this host allows (protocol.md §1.4); dangerous ones only when listed here. */
  capabilities: AgentCapability[];
  /** Seconds between `metrics` events, 0..3600; 0 pauses metrics (the agent stays connected). */
  metricsInterval: number;
  /** systemd services whose states go with each sample. */
  watchlist: string[];
  /** PEM file of the CA that signed the hub's certificate (added to the system roots' place). */
  caFile?: string;
  /** Skip TLS verification (labs only; warned about at every start). */
  insecure: boolean;
  /** How long unacknowledged samples are kept while the hub is unreachable. */
  outboxMinutes: number;
  /** Samples per second re-sent after a reconnect. */
  backfillRate: number;
  /** File whose content identifies the machine (hashed, never sent raw). */
  machineIdFile: string;
  logLevel: LogLevel;
  /** Shell, run-as user, timeouts and limits of terminal sessions (used with the `terminal` capability). */
  terminal: TerminalConfig;
  /** Shell, run-as user and default timeout of commands (used with the `exec` capability). */
  exec: ExecConfig;
  /** Engine API socket and limits of the Docker module (used with `docker` / `docker-actions`). */
  docker: DockerConfig;
}

/** Keys accepted from the config file and the environment (the same names, documented in agent/README.md). */
export type AgentConfigInput = Partial<{ [K in keyof AgentConfig]: unknown }>;

export const DEFAULT_CONFIG_FILE = '/etc/hivewatch/agent.json';

export const CONFIG_DEFAULTS = {
  configFile: DEFAULT_CONFIG_FILE,
  stateFile: '/var/lib/hivewatch-agent/state.json',
  capabilities: [] as AgentCapability[],
  metricsInterval: DEFAULT_METRICS_INTERVAL_SECONDS,
  watchlist: [] as string[],
  insecure: false,
  outboxMinutes: 60,
  backfillRate: 10,
  machineIdFile: '/etc/machine-id',
  logLevel: 'info' as LogLevel,
  terminal: TERMINAL_DEFAULTS,
  exec: EXEC_DEFAULTS,
  docker: DOCKER_DEFAULTS,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid agent configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Merges the sources, highest priority first, and validates the result. Every problem is listed at
 * once so that a bad config file is fixed in one go.
 */
export function resolveConfig(...sources: AgentConfigInput[]): AgentConfig {
  const pick = (key: keyof AgentConfig): unknown => sources.find((s) => s[key] !== undefined)?.[key];
  const problems: string[] = [];
  const text = (key: keyof AgentConfig): string | undefined => {
    const value = pick(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') problems.push(`${key}: expected a string`);
    return typeof value === 'string' ? value : undefined;
  };
  const integer = (key: keyof AgentConfig, min: number, max: number, fallback: number): number => {
    const raw = pick(key);
    if (raw === undefined || raw === '') return fallback;
    const value = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key}: expected an integer in ${min}..${max}`);
      return fallback;
    }
    return value;
  };
  const list = (key: keyof AgentConfig): string[] => {
    const raw = pick(key);
    if (raw === undefined) return [];
    if (typeof raw === 'string')
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    if (Array.isArray(raw) && raw.every((s): s is string => typeof s === 'string')) return raw;
    problems.push(`${key}: expected a list of strings`);
    return [];
  };
  const flag = (key: keyof AgentConfig): boolean => {
    const raw = pick(key);
    if (raw === undefined) return false;
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0' || raw === '') return false;
    problems.push(`${key}: expected true or false`);
    return false;
  };

  const hubUrl = text('hubUrl');
  if (hubUrl === undefined) problems.push('hubUrl: required (--hub, HIVEWATCH_AGENT_HUB_URL or "hubUrl")');
  else if (!/^(wss?|https?):\/\/[^\s/]+/.test(hubUrl))
    problems.push('hubUrl: expected ws://, wss://, http:// or https:// followed by a host');

  const capabilities: AgentCapability[] = [];
  for (const name of list('capabilities')) {
    if ((AGENT_CAPABILITIES as readonly string[]).includes(name)) capabilities.push(name as AgentCapability);
    else
      problems.push(`capabilities: unknown capability '${name}' (known: ${AGENT_CAPABILITIES.join(', ')})`);
  }
  const watchlist = list('watchlist');
  for (const name of watchlist)
    if (!SERVICE_NAME_PATTERN.test(name)) problems.push(`watchlist: '${name}' is not a valid service name`);

  const logLevel = text('logLevel') ?? CONFIG_DEFAULTS.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(`logLevel: expected one of ${LOG_LEVELS.join(', ')}`);

  const config: AgentConfig = {
    hubUrl: hubUrl ?? '',
    configFile: text('configFile') ?? CONFIG_DEFAULTS.configFile,
    stateFile: text('stateFile') ?? CONFIG_DEFAULTS.stateFile,
    enrollmentKey: text('enrollmentKey'),
    enrollmentKeyFile: text('enrollmentKeyFile'),
    agentId: text('agentId'),
    token: text('token'),
    tokenFile: text('tokenFile'),
    capabilities,
    metricsInterval: integer(
      'metricsInterval',
      0,
      MAX_METRICS_INTERVAL_SECONDS,
      CONFIG_DEFAULTS.metricsInterval,
    ),
    watchlist,
    caFile: text('caFile'),
    insecure: flag('insecure'),
    outboxMinutes: integer('outboxMinutes', 1, 24 * 60, CONFIG_DEFAULTS.outboxMinutes),
    backfillRate: integer('backfillRate', 1, 1000, CONFIG_DEFAULTS.backfillRate),
    machineIdFile: text('machineIdFile') ?? CONFIG_DEFAULTS.machineIdFile,
    logLevel: logLevel as LogLevel,
    terminal: readTerminalConfig(pick('terminal'), problems),
    exec: readExecConfig(pick('exec'), problems),
    docker: readDockerConfig(pick('docker'), problems),
  };
  if (config.tokenFile !== undefined) {
    if (config.token !== undefined) problems.push('token and tokenFile: give one of them, not both');
    else {
      const read = readTokenFile(config.tokenFile);
      if ('token' in read) config.token = read.token;
      else problems.push(read.problem);
    }
  }
  if (config.enrollmentKeyFile !== undefined) {
    if (config.enrollmentKey !== undefined)
      problems.push('enrollmentKey and enrollmentKeyFile: give one of them, not both');
    else {
      const read = readSecretFile(config.enrollmentKeyFile, ENROLLMENT_KEY_FILE);
      if ('secret' in read) config.enrollmentKey = read.secret;
      else problems.push(read.problem);
    }
  }
  const hasToken = config.token !== undefined || config.tokenFile !== undefined;
  if ((config.agentId === undefined) === hasToken) problems.push('agentId and token: give both or neither');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
