#!/usr/bin/env node
/* eslint-disable no-console -- CLI entry point: usage errors go to the terminal as plain text */
import './sea-runtime.js'; // first: it sets up the environment the WebSocket library reads at load
import { Agent } from './agent.js';
import { ConfigError, resolveConfig } from './config/agent-config.js';
import { parseCliArgs } from './config/cli-args.js';
import { readConfigFile } from './config/config-file.js';
import { configFromEnv } from './config/env-vars.js';
import { helpText } from './config/help.js';
import { AGENT_VERSION } from './version.js';
import { DEFAULT_CONFIG_FILE } from './config/agent-config.js';
import { OutboxLockedError } from './outbox/outbox-lock.js';

function main(argv: string[]): void {
  let cli;
  try {
    cli = parseCliArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${helpText()}`);
    process.exit(2);
  }
  if (cli.help) {
    console.log(helpText());
    return;
  }
  if (cli.version) {
    console.log(AGENT_VERSION);
    return;
  }
  const env = configFromEnv(process.env);
  const chosen = cli.config.configFile ?? env.configFile;
  const configFile = typeof chosen === 'string' ? chosen : DEFAULT_CONFIG_FILE;
  const load = () => resolveConfig(cli.config, env, readConfigFile(configFile), { configFile });
  let agent: Agent;
  try {
    agent = new Agent({ config: load() });
  } catch (error) {
    if (error instanceof OutboxLockedError) {
      console.error(`cannot start: ${error.message}`);
      process.exit(1);
    }
    console.error(error instanceof ConfigError ? error.message : `cannot start: ${String(error)}`);
    process.exit(2);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      agent.logger.info('stopping', { signal });
      agent.stop();
      process.exit(0);
    });
  }
  // `kill -HUP <pid>`: the config is read again; capabilities it no longer lists stop
  // at once (docs/terminal.md, "Capability removed"). Anything else takes effect at the next start.
  process.on('SIGHUP', () => {
    try {
      agent.removeCapabilitiesNotIn(load().capabilities);
    } catch (error) {
      agent.logger.error('the configuration could not be re-read: nothing changed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  agent.start().catch((error: unknown) => {
    agent.logger.error('could not start', { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
}

main(process.argv.slice(2));
