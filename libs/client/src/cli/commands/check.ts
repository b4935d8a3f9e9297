import { parseArgs } from 'node:util';
import type { History, Server } from '@hivewatch/protocol';
import { attachDashValues, finiteNumber, parsing } from '../args.js';
import { EXIT_CHECK_FAILED, EXIT_OK, type CliContext } from '../context.js';
import { isoSeconds, num } from '../output.js';
import { resolveServer } from '../resolve.js';
import { valueFor } from '../series.js';
import { parseDuration } from '../time.js';
import { UsageError } from '../usage-error.js';

const COMMAND = 'check';
/** The hub answers minute rows for at most 31 days. */
const MAX_WINDOW_MS = 31 * 86_400_000;
/** Lines printed per server that broke the limit; the rest are counted. */
const LISTED_PER_SERVER = 5;

export const CHECK_HELP = `Usage: hivewatch check <server> | --tag <tag>  --metric <name> (--max <n> | --min <n>) [--for <duration>]

A gate for pipelines: checks every minute of the last <duration> of one server (name or id) or of
every server with the tag, and exits
  0  when every sample holds the limit on every server,
  1  when one does not (each offending server, minute and value is printed), or a server sent
     nothing in the window,
  2  on a usage error, an unreachable hub or a refused API key.

Options:
  --tag <tag>       check every server carrying this tag instead of one server
  --metric <name>   a record key such as cpu, mem, load1, netIn, or disk:<mountpoint>
  --max <n>         every minute's maximum must be at most n
  --min <n>         every minute's mean must be at least n (the hub keeps the mean and the maximum
                    of each minute)
  --for <duration>  the window, ending now: 30s, 5m, 1h, 1h30m … (default 5m, at most 31d)
  -h, --help        show this help
`;

interface Limits {
  max: number | undefined;
  min: number | undefined;
}

/** Servers whose history is read at the same time. */
const PARALLEL_READS = 4;

/** `fn` over `items`, at most PARALLEL_READS at a time; results in the order of `items`. */
async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL_READS) {
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL_READS).map(fn))));
  }
  return out;
}

/** One minute that broke a limit. */
export interface Breach {
  t: number;
  metric: string;
  value: number;
  bound: 'max' | 'min';
  limit: number;
}

/** Every minute of `history` that breaks a limit, and how many minutes had a value at all. */
export function breaches(history: History, limits: Limits): { breaches: Breach[]; samples: number } {
  const out: Breach[] = [];
  let samples = 0;
  for (const p of history.points) {
    let seen = false;
    for (const metric of history.metrics) {
      const high = valueFor(p[metric], 'max');
      const low = valueFor(p[metric], 'min');
      if (high === null || low === null) continue;
      seen = true;
      if (limits.max !== undefined && high > limits.max)
        out.push({ t: p.t, metric, value: high, bound: 'max', limit: limits.max });
      if (limits.min !== undefined && low < limits.min)
        out.push({ t: p.t, metric, value: low, bound: 'min', limit: limits.min });
    }
    if (seen) samples++;
  }
  return { breaches: out, samples };
}

function describe(b: Breach): string {
  const what = b.bound === 'max' ? 'max' : 'mean';
  const op = b.bound === 'max' ? '>' : '<';
  return `${isoSeconds(b.t)}  ${b.metric} ${what} ${num(b.value)} ${op} ${b.bound} ${num(b.limit)}`;
}

function parse(args: readonly string[]) {
  const { values, positionals: given } = parsing(COMMAND, () =>
    parseArgs({
      args: attachDashValues(args, ['--max', '--min']),
      options: {
        tag: { type: 'string' },
        metric: { type: 'string', short: 'm' },
        max: { type: 'string' },
        min: { type: 'string' },
        for: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) return null;
  if (given.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(given[1])}`, COMMAND);
  const server = given[0];
  if ((server === undefined) === (values.tag === undefined)) {
    throw new UsageError('give either one <server> (name or id) or --tag <tag>', COMMAND);
  }
  if (values.metric === undefined) throw new UsageError('--metric is required (e.g. --metric cpu)', COMMAND);
  const metric = values.metric.trim();
  if (metric === '' || metric.includes(','))
    throw new UsageError('--metric takes exactly one metric name', COMMAND);
  if (values.max === undefined && values.min === undefined) {
    throw new UsageError('give a limit: --max <n>, --min <n> or both', COMMAND);
  }
  const limits: Limits = {
    max: values.max === undefined ? undefined : finiteNumber(values.max, '--max', COMMAND),
    min: values.min === undefined ? undefined : finiteNumber(values.min, '--min', COMMAND),
  };
  if (limits.max !== undefined && limits.min !== undefined && limits.min > limits.max) {
    throw new UsageError('--min must not be above --max', COMMAND);
  }
  const windowMs = parseDuration(values.for ?? '5m', '--for');
  if (windowMs > MAX_WINDOW_MS) throw new UsageError('--for must be at most 31d', COMMAND);
  return {
    server,
    tag: values.tag?.trim().toLowerCase(),
    metric,
    limits,
    windowMs,
    forText: values.for ?? '5m',
  };
}

export async function checkCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const opts = parse(args);
  if (opts === null) {
    ctx.out(CHECK_HELP);
    return EXIT_OK;
  }
  const client = ctx.client();
  let servers: Server[];
  if (opts.server !== undefined) servers = [await resolveServer(client, opts.server, COMMAND)];
  else {
    servers = await client.listAllServers({ tag: opts.tag });
    if (servers.length === 0)
      throw new UsageError(`no server carries the tag ${JSON.stringify(opts.tag)}`, COMMAND);
  }
  const to = new Date(ctx.now());
  const from = new Date(to.getTime() - opts.windowMs);
  const limitText = [
    opts.limits.min === undefined ? null : `>= ${num(opts.limits.min)}`,
    opts.limits.max === undefined ? null : `<= ${num(opts.limits.max)}`,
  ]
    .filter((s) => s !== null)
    .join(' and ');

  const results = await inBatches(servers, async (server) => {
    const history = await client.history(server.id, {
      from,
      to,
      resolution: 'minute',
      metrics: [opts.metric],
    });
    return { server, ...breaches(history, opts.limits) };
  });

  let failed = 0;
  let total = 0;
  for (const { server, breaches: found, samples } of results) {
    total += samples;
    const label = `${server.name} (${server.id})`;
    if (samples === 0) {
      failed++;
      ctx.out(`FAIL ${label}: no ${opts.metric} samples in the last ${opts.forText}\n`);
    } else if (found.length > 0) {
      failed++;
      ctx.out(`FAIL ${label}: ${opts.metric} not ${limitText} in ${found.length} minute(s)\n`);
      for (const b of found.slice(0, LISTED_PER_SERVER)) ctx.out(`  ${describe(b)}\n`);
      const more = found.length - LISTED_PER_SERVER;
      if (more > 0) ctx.out(`  … and ${more} more\n`);
    }
  }
  if (failed > 0) {
    ctx.out(
      `${failed} of ${servers.length} server(s) failed: ${opts.metric} ${limitText} over the last ${opts.forText}\n`,
    );
    return EXIT_CHECK_FAILED;
  }
  ctx.out(
    `OK: ${opts.metric} ${limitText} on ${servers.length} server(s) over the last ${opts.forText} (${total} minute sample(s))\n`,
  );
  return EXIT_OK;
}
