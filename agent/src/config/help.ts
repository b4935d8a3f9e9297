import { AGENT_CAPABILITIES, DANGEROUS_CAPABILITIES } from '@hivewatch/protocol';
import { CONFIG_DEFAULTS } from './agent-config.js';
import { DOCKER_CONFIG_RANGES as DR } from './docker-config.js';
import { SHELL_ACCESS_RANGES as R } from './shell-access-config.js';
import { ENV_VARS } from './env-vars.js';

export function helpText(): string {
  const d = CONFIG_DEFAULTS;
  return `Usage: hivewatch-agent [options]

Reports this host's metrics to a Hivewatch hub and answers its requests.
Settings come from flags, then environment variables, then the JSON config file, then defaults.

Options (environment variable / config file key):
  --hub <url>              hub address, e.g. https://hub.example.com (${ENV_VARS.hubUrl} / hubUrl)
  -c, --config <file>      JSON config file [${d.configFile}] (${ENV_VARS.configFile})
  --state <file>           credentials and outbox position, mode 0600 [${d.stateFile}]
                           (${ENV_VARS.stateFile} / stateFile)
  --enroll-file <file>     enroll with the hwe_ key held in this file, read once at start; it must be
                           readable by its owner only (chmod 600); the returned credentials are stored
                           in the state file (${ENV_VARS.enrollmentKeyFile} / enrollmentKeyFile)
  --enroll <key>           the same with the key itself (${ENV_VARS.enrollmentKey} / enrollmentKey);
                           prefer --enroll-file: other users can read command lines
  --id <server id>         pre-provisioned credentials: this server's id (${ENV_VARS.agentId} / agentId)
  --token-file <file>      ... and a file holding its agent token, read once at start; it must be
                           readable by its owner only (chmod 600) (${ENV_VARS.tokenFile} / tokenFile)
  --capabilities <list>    comma-separated capabilities this host allows [none]
                           (${ENV_VARS.capabilities} / capabilities)
                           known: ${AGENT_CAPABILITIES.join(', ')}
                           dangerous (off unless listed): ${DANGEROUS_CAPABILITIES.join(', ')}
  --interval <seconds>     metrics interval 0..3600, 0 pauses metrics [${d.metricsInterval}]
                           (${ENV_VARS.metricsInterval} / metricsInterval)
  --watch <list>           services whose state goes with each sample (${ENV_VARS.watchlist} / watchlist)
  --ca-file <file>         PEM CA certificate to verify the hub with (${ENV_VARS.caFile} / caFile)
  --insecure               do not verify the hub's TLS certificate (labs only; warned at every start)
                           (${ENV_VARS.insecure} / insecure)
  --outbox-minutes <n>     samples kept while the hub is unreachable [${d.outboxMinutes}]
                           (${ENV_VARS.outboxMinutes} / outboxMinutes)
  --backfill-rate <n>      samples per second re-sent after a reconnect [${d.backfillRate}]
                           (${ENV_VARS.backfillRate} / backfillRate)
  --machine-id-file <file> stable host identity, hashed [${d.machineIdFile}]
                           (${ENV_VARS.machineIdFile} / machineIdFile)
  --log-level <level>      debug, info, warn, error or silent [${d.logLevel}]
                           (${ENV_VARS.logLevel} / logLevel)
  -h, --help               this text
  -v, --version            the agent's version

Config file (or environment, as JSON) only — used when the capability is listed:
  "terminal": { ... }      terminal sessions (${ENV_VARS.terminal} / terminal):
                           shell [${d.terminal.shell}] (absolute path), shellArgs [none], e.g. ["-l"],
                           runAs [the agent's user] (a local user; the agent must run as root),
                           idleTimeoutSeconds ${R.idleTimeoutSeconds.join('..')} [${d.terminal.idleTimeoutSeconds}],
                           maxDurationSeconds ${R.maxDurationSeconds.join('..')} [${d.terminal.maxDurationSeconds}],
                           hubGraceSeconds ${R.hubGraceSeconds.join('..')} [${d.terminal.hubGraceSeconds}], maxSessions ${R.maxSessions.join('..')} [${d.terminal.maxSessions}]
  "exec": { ... }          commands (${ENV_VARS.exec} / exec): shell [${d.exec.shell}], runAs,
                           defaultTimeoutSeconds ${R.defaultTimeoutSeconds.join('..')} [${d.exec.defaultTimeoutSeconds}]
  "docker": { ... }        Engine API for \`docker\` / \`docker-actions\` (${ENV_VARS.docker} / docker):
                           socket [DOCKER_HOST, else /var/run/docker.sock] (path, unix:///path or
                           tcp://host:port), maxLogStreams ${DR.maxLogStreams.join('..')} [${d.docker.maxLogStreams}],
                           statsConcurrency ${DR.statsConcurrency.join('..')} [${d.docker.statsConcurrency}], timeoutMs ${DR.timeoutMs.join('..')} [${d.docker.timeoutMs}]

Pre-provisioned credentials instead of enrollment: --id with --token-file, or ${ENV_VARS.agentId} and
${ENV_VARS.token} (or agentId and token in a 0600 config file). The token is never a flag: any user
can read other processes' command lines.
`;
}
