import { parseArgs } from 'node:util';
import type { Group, Server } from '@hivewatch/protocol';
import { parsing, positionals } from '../args.js';
import { EXIT_OK, type CliContext } from '../context.js';
import { isoSeconds, json, table } from '../output.js';
import { resolveGroup } from '../resolve.js';
import { UsageError } from '../usage-error.js';

const COMMAND = 'servers list';

export const SERVERS_HELP = `Usage: hivewatch servers list [--tag <tag>] [--group <name|id|none>] [--json]

Lists the servers of the hub, in the console's order.

Options:
  --tag <tag>      only servers carrying this tag
  --group <group>  only servers of this group (name or id; "none" for ungrouped servers)
  --json           print the servers as JSON (the API's server objects)
  -h, --help       show this help
`;

function rows(servers: readonly Server[], groups: readonly Group[]): string[][] {
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return servers.map((s) => [
    s.name,
    s.id,
    s.groupId === null ? '-' : (groupName.get(s.groupId) ?? s.groupId),
    s.tags.length === 0 ? '-' : s.tags.join(','),
    s.lastSeenAt === null ? '-' : isoSeconds(Date.parse(s.lastSeenAt)),
  ]);
}

export async function serversCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    ctx.out(SERVERS_HELP);
    return EXIT_OK;
  }
  if (sub !== 'list') throw new UsageError(`unknown subcommand "servers ${sub}"`, COMMAND);
  const { values, positionals: extra } = parsing(COMMAND, () =>
    parseArgs({
      args: [...rest],
      options: {
        tag: { type: 'string' },
        group: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    ctx.out(SERVERS_HELP);
    return EXIT_OK;
  }
  positionals(extra, [], COMMAND);
  const client = ctx.client();
  const groups = await client.listGroups();
  const groupId = values.group === undefined ? undefined : resolveGroup(groups, values.group, COMMAND);
  const servers = await client.listAllServers({ tag: values.tag?.trim().toLowerCase(), groupId });
  if (values.json) ctx.out(json(servers));
  else if (servers.length === 0) ctx.err('No servers match.\n');
  else ctx.out(table(['NAME', 'ID', 'GROUP', 'TAGS', 'LAST SEEN'], rows(servers, groups)));
  return EXIT_OK;
}
