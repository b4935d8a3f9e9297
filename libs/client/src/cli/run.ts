import { HivewatchClient } from '../client.js';
import { HivewatchApiError, HivewatchConnectionError, HivewatchResponseError } from '../errors.js';
import { refuseSecretFlags } from './args.js';
import { alertsCommand } from './commands/alerts.js';
import { checkCommand } from './commands/check.js';
import { metricsCommand } from './commands/metrics.js';
import { serversCommand } from './commands/servers.js';
import { EXIT_ERROR, EXIT_OK, type CliContext } from './context.js';
import { UsageError } from './usage-error.js';

export const MAIN_HELP = `Usage: hivewatch <command> [options]

Reads a Hivewatch hub from scripts and CI pipelines.

Commands:
  servers list     list servers (filter by --tag or --group)
  metrics          print the metric history of one server (table, CSV or JSON)
  alerts active    list pending and firing alerts
  check            a pipeline gate: exit 1 when a metric broke a limit in the last minutes

Configuration (environment only):
  HIVEWATCH_URL      the hub's address, e.g. https://hub.example.com
  HIVEWATCH_API_KEY  an API key (a read-only key is enough); never given as a flag

Exit status: 0 success, 1 check failed, 2 usage, connection or authentication error.
Run "hivewatch <command> --help" for the options of a command.
`;

type Command = (args: readonly string[], ctx: CliContext) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  servers: serversCommand,
  metrics: metricsCommand,
  alerts: alertsCommand,
  check: checkCommand,
};

export interface Io {
  out(text: string): void;
  err(text: string): void;
  now(): number;
}

/** The client from HIVEWATCH_URL and HIVEWATCH_API_KEY; a usage error naming what is missing. */
export function clientFromEnv(env: Readonly<Record<string, string | undefined>>): HivewatchClient {
  const url = env['HIVEWATCH_URL']?.trim();
  const apiKey = env['HIVEWATCH_API_KEY']?.trim();
  const missing = [url ? null : 'HIVEWATCH_URL', apiKey ? null : 'HIVEWATCH_API_KEY'].filter(
    (v) => v !== null,
  );
  if (missing.length > 0 || !url || !apiKey) {
    throw new UsageError(`set ${missing.join(' and ')} in the environment`);
  }
  try {
    return new HivewatchClient({ url, apiKey, userAgent: 'hivewatch-cli' });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function describeError(err: unknown): string {
  if (err instanceof UsageError) {
    const help = err.command === undefined ? 'hivewatch --help' : `hivewatch ${err.command} --help`;
    return `error: ${err.message}\nRun "${help}" for usage.\n`;
  }
  if (err instanceof HivewatchApiError) {
    const hint =
      err.status === 401
        ? ' (is HIVEWATCH_API_KEY a valid, unexpired API key of this hub?)'
        : err.status === 403
          ? ' (the API key may not read this)'
          : '';
    return `error: the hub answered ${err.status} ${err.code}: ${err.message}${hint} [request id ${err.requestId}]\n`;
  }
  if (err instanceof HivewatchConnectionError) return `error: ${err.message} [request id ${err.requestId}]\n`;
  if (err instanceof HivewatchResponseError) return `error: ${err.message} [request id ${err.requestId}]\n`;
  return `error: ${err instanceof Error ? err.message : String(err)}\n`;
}

/** Runs one command line; resolves with the exit status and never throws. */
export async function run(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: Io,
  makeClient: () => HivewatchClient = () => clientFromEnv(env),
): Promise<number> {
  let client: HivewatchClient | undefined;
  const ctx: CliContext = {
    client: () => (client ??= makeClient()),
    out: (t) => io.out(t),
    err: (t) => io.err(t),
    now: () => io.now(),
  };
  try {
    refuseSecretFlags(argv);
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? args[0] : undefined;
      const command = topic === undefined ? undefined : COMMANDS[topic];
      return command ? await command(['--help'], ctx) : (io.out(MAIN_HELP), EXIT_OK);
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    return await command(args, ctx);
  } catch (err) {
    io.err(describeError(err));
    return EXIT_ERROR;
  }
}
