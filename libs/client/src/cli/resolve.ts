import type { Group, Server } from '@hivewatch/protocol';
import { HivewatchApiError } from '../errors.js';
import type { HivewatchClient } from '../client.js';
import { UsageError } from './usage-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How many names a "did you mean" lists. */
const SUGGESTIONS = 5;

/** A server by id or by name (exact, then case-insensitive); ambiguous names are refused. */
export async function resolveServer(client: HivewatchClient, arg: string, command: string): Promise<Server> {
  const wanted = arg.trim();
  if (wanted === '') throw new UsageError('the server name or id is empty', command);
  if (UUID.test(wanted)) {
    try {
      return await client.getServer(wanted.toLowerCase());
    } catch (err) {
      if (!(err instanceof HivewatchApiError && err.status === 404)) throw err;
    }
  }
  const candidates = await client.listAllServers({ q: wanted });
  const exact = candidates.filter((s) => s.name === wanted);
  const matches =
    exact.length > 0 ? exact : candidates.filter((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(
      `${matches.length} servers are named ${JSON.stringify(wanted)}: give the id instead (${matches.map((s) => s.id).join(', ')})`,
      command,
    );
  }
  const hint = candidates.slice(0, SUGGESTIONS).map((s) => s.name);
  throw new UsageError(
    `no server named ${JSON.stringify(wanted)}${hint.length > 0 ? ` (did you mean: ${hint.join(', ')}?)` : ''}`,
    command,
  );
}

/** A group by id or name; `none` stands for servers in no group. */
export function resolveGroup(groups: readonly Group[], arg: string, command: string): string {
  const wanted = arg.trim();
  if (wanted.toLowerCase() === 'none') return 'none';
  const found =
    groups.find((g) => g.id === wanted.toLowerCase()) ??
    groups.find((g) => g.name === wanted) ??
    groups.find((g) => g.name.toLowerCase() === wanted.toLowerCase());
  if (!found) {
    const names = groups.map((g) => g.name).slice(0, SUGGESTIONS * 2);
    throw new UsageError(
      `no group ${JSON.stringify(wanted)}${names.length > 0 ? ` (groups: ${names.join(', ')})` : ''}`,
      command,
    );
  }
  return found.id;
}
