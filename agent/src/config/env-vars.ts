import type { AgentConfig, AgentConfigInput } from './agent-config.js';

/** Environment variable for each configuration key (documented in agent/README.md and --help). */
export const ENV_VARS: Record<keyof AgentConfig, string> = {
  hubUrl: 'HIVEWATCH_AGENT_HUB_URL',
  configFile: 'HIVEWATCH_AGENT_CONFIG',
  stateFile: 'HIVEWATCH_AGENT_STATE_FILE',
  enrollmentKey: 'HIVEWATCH_AGENT_ENROLLMENT_KEY',
  enrollmentKeyFile: 'HIVEWATCH_AGENT_ENROLLMENT_KEY_FILE',
  agentId: 'HIVEWATCH_AGENT_ID',
  token: 'HIVEWATCH_AGENT_TOKEN',
  tokenFile: 'HIVEWATCH_AGENT_TOKEN_FILE',
  capabilities: 'HIVEWATCH_AGENT_CAPABILITIES',
  metricsInterval: 'HIVEWATCH_AGENT_INTERVAL',
  watchlist: 'HIVEWATCH_AGENT_WATCHLIST',
  caFile: 'HIVEWATCH_AGENT_CA_FILE',
  insecure: 'HIVEWATCH_AGENT_INSECURE',
  outboxMinutes: 'HIVEWATCH_AGENT_OUTBOX_MINUTES',
  backfillRate: 'HIVEWATCH_AGENT_BACKFILL_RATE',
  machineIdFile: 'HIVEWATCH_AGENT_MACHINE_ID_FILE',
  logLevel: 'HIVEWATCH_AGENT_LOG_LEVEL',
  // The sections are objects: their variables hold the same JSON as the config file's keys.
  terminal: 'HIVEWATCH_AGENT_TERMINAL',
  exec: 'HIVEWATCH_AGENT_EXEC',
  docker: 'HIVEWATCH_AGENT_DOCKER',
};

export function configFromEnv(env: NodeJS.ProcessEnv): AgentConfigInput {
  const input: AgentConfigInput = {};
  for (const [key, name] of Object.entries(ENV_VARS) as [keyof AgentConfig, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') input[key] = value;
  }
  return input;
}
