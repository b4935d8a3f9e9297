import { parseArgs } from 'node:util';
import type { AgentConfigInput } from './agent-config.js';

export interface CliArgs {
  config: AgentConfigInput;
  help: boolean;
  version: boolean;
}

/**
 * Command-line flags (highest priority). Secrets other than the enrollment key are not flags: `ps`
 * shows them. The agent token comes from the environment, the config file or `--token-file`; the
 * enrollment key should too (`--enroll-file`), `--enroll` is kept for labs and older scripts.
 */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      hub: { type: 'string' },
      config: { type: 'string', short: 'c' },
      state: { type: 'string' },
      enroll: { type: 'string' },
      'enroll-file': { type: 'string' },
      id: { type: 'string' },
      'token-file': { type: 'string' },
      capabilities: { type: 'string' },
      interval: { type: 'string' },
      watch: { type: 'string' },
      'ca-file': { type: 'string' },
      insecure: { type: 'boolean' },
      'outbox-minutes': { type: 'string' },
      'backfill-rate': { type: 'string' },
      'machine-id-file': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const config: AgentConfigInput = {
    hubUrl: values.hub,
    configFile: values.config,
    stateFile: values.state,
    enrollmentKey: values.enroll,
    enrollmentKeyFile: values['enroll-file'],
    agentId: values.id,
    tokenFile: values['token-file'],
    capabilities: values.capabilities,
    metricsInterval: values.interval,
    watchlist: values.watch,
    caFile: values['ca-file'],
    insecure: values.insecure,
    outboxMinutes: values['outbox-minutes'],
    backfillRate: values['backfill-rate'],
    machineIdFile: values['machine-id-file'],
    logLevel: values['log-level'],
  };
  for (const key of Object.keys(config) as (keyof AgentConfigInput)[])
    if (config[key] === undefined) delete config[key];
  return { config, help: values.help === true, version: values.version === true };
}
