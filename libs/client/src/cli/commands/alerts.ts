import { parseArgs } from 'node:util';
import type { ActiveAlert } from '@hivewatch/protocol';
import { parsing, positionals } from '../args.js';
import { EXIT_OK, type CliContext } from '../context.js';
import { isoSeconds, json, num, table } from '../output.js';
import { UsageError } from '../usage-error.js';

const COMMAND = 'alerts active';

export const ALERTS_HELP = `Usage: hivewatch alerts active [--json]

Lists the pending and firing alerts of every server.

Options:
  --json      print the alerts as JSON (the API's active-alert objects)
  -h, --help  show this help
`;

function rows(alerts: readonly ActiveAlert[]): string[][] {
  return alerts.map((a) => [
    a.severity,
    a.state,
    a.serverName,
    a.ruleName,
    isoSeconds(a.startedAt),
    a.value === null ? '-' : num(a.value),
    a.message,
  ]);
}

export async function alertsCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    ctx.out(ALERTS_HELP);
    return EXIT_OK;
  }
  if (sub !== 'active') throw new UsageError(`unknown subcommand "alerts ${sub}"`, COMMAND);
  const { values, positionals: extra } = parsing(COMMAND, () =>
    parseArgs({
      args: [...rest],
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    ctx.out(ALERTS_HELP);
    return EXIT_OK;
  }
  positionals(extra, [], COMMAND);
  const alerts = await ctx.client().activeAlerts();
  if (values.json) ctx.out(json(alerts));
  else if (alerts.length === 0) ctx.err('No active alerts.\n');
  else ctx.out(table(['SEVERITY', 'STATE', 'SERVER', 'RULE', 'SINCE', 'VALUE', 'MESSAGE'], rows(alerts)));
  return EXIT_OK;
}
