import { parseArgs } from 'node:util';
import { DISK_PREFIX, NET_PREFIX, RESOLUTIONS } from '@hivewatch/protocol';
import { attachDashValues, oneOf, parsing, positionals } from '../args.js';
import { EXIT_OK, type CliContext } from '../context.js';
import { csv, isoSeconds, json, num, table } from '../output.js';
import { resolveServer } from '../resolve.js';
import { historyRows } from '../series.js';
import { parseTime } from '../time.js';
import { UsageError } from '../usage-error.js';

const COMMAND = 'metrics';
const FORMATS = ['table', 'csv', 'json'] as const;
/** At most this many metrics in one call (the hub expands `disk:*` and `net:*` itself). */
const MAX_METRICS = 32;

export const METRICS_HELP = `Usage: hivewatch metrics <server> --metric <name>[,<name>…] [--from <time>] [--to <time>]
                         [--resolution ${RESOLUTIONS.join('|')}] [--format ${FORMATS.join('|')}]

Prints the metric history of one server (name or id): per minute or per hour, the mean and
maximum of gauges, the last value of counters.

Options:
  --metric <names>     record keys, comma-separated: cpu, mem, swap, load1, netIn, … (the hub lists
                       every key when given an unknown one), ${DISK_PREFIX}<mountpoint>, ${DISK_PREFIX}*, ${NET_PREFIX}<interface>, ${NET_PREFIX}*
  --from <time>        start (default -1h)
  --to <time>          end (default now)
  --resolution <r>     ${RESOLUTIONS.join(', ')} (default auto: minutes up to 48 hours, hours beyond)
  --format <f>         ${FORMATS.join(', ')} (default table)
  -h, --help           show this help

Times: now, a relative time such as -1h, -30m or -7d, an ISO-8601 time, or epoch milliseconds.
`;

/** `cpu, mem` → `['cpu','mem']`, de-duplicated, capped. */
export function metricList(value: string, command: string): string[] {
  const names = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
  if (names.length === 0) throw new UsageError('--metric needs at least one metric name', command);
  if (names.length > MAX_METRICS)
    throw new UsageError(`--metric takes at most ${MAX_METRICS} names`, command);
  return names;
}

export async function metricsCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const { values, positionals: given } = parsing(COMMAND, () =>
    parseArgs({
      args: attachDashValues(args, ['--from', '--to']),
      options: {
        metric: { type: 'string', short: 'm' },
        from: { type: 'string' },
        to: { type: 'string' },
        resolution: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    ctx.out(METRICS_HELP);
    return EXIT_OK;
  }
  const [serverArg = ''] = positionals(given, ['<server>'], COMMAND);
  if (values.metric === undefined) throw new UsageError('--metric is required (e.g. --metric cpu)', COMMAND);
  const metrics = metricList(values.metric, COMMAND);
  const now = ctx.now();
  const to = parseTime(values.to ?? 'now', '--to', now);
  const from = parseTime(values.from ?? '-1h', '--from', now);
  if (from.getTime() > to.getTime()) throw new UsageError('--from must not be after --to', COMMAND);
  const resolution = oneOf(values.resolution ?? 'auto', RESOLUTIONS, '--resolution', COMMAND);
  const format = oneOf(values.format ?? 'table', FORMATS, '--format', COMMAND);

  const client = ctx.client();
  const server = await resolveServer(client, serverArg, COMMAND);
  const history = await client.history(server.id, { from, to, resolution, metrics });
  if (format === 'json') {
    ctx.out(json({ server: { id: server.id, name: server.name }, ...history }));
    return EXIT_OK;
  }
  if (format === 'csv') {
    const { header, rows } = historyRows(history, (ms) => new Date(ms).toISOString());
    ctx.out(csv(header, rows));
    return EXIT_OK;
  }
  const { header, rows } = historyRows(history, isoSeconds, num);
  if (rows.length === 0) ctx.err(`No ${history.resolution} records of ${server.name} in this range.\n`);
  else
    ctx.out(
      table(
        header.map((h) => h.toUpperCase()),
        rows,
      ),
    );
  return EXIT_OK;
}
