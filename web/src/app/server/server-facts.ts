import type { ServerInfo, ServerState } from '@hivewatch/protocol';
import * as fmt from '../shared/format';

/**
 * The server page's host facts: the live answer of the agent (`get-server-info`) where it has one,
 * else what the hub keeps. The OS is the hub's one display name (`ServerState.os`), never joined
 * here: a seed-002 agent's `osVersion` is a kernel build string.
 */
export function serverFacts(s: ServerState | undefined, i: ServerInfo | undefined): [string, string][] {
  const rows: [string, string | null | undefined][] = [
    ['Hostname', i?.hostname ?? s?.hostname],
    ['IP address', i?.ipAddress],
    ['OS', s?.os],
    ['Kernel', i?.kernel],
    ['Architecture', i?.architecture ?? s?.architecture],
    ['CPU', i?.cpuModel],
    ['Cores / threads', i ? `${i.cpuCores ?? '?'} / ${i.cpuThreads ?? '?'}` : null],
    ['Agent', s?.agentVersion ? `${s.agentVersion} (${s.dialect ?? '?'} dialect)` : null],
    [
      'Clock skew',
      s?.clockSkewMs !== null && s?.clockSkewMs !== undefined ? `${Math.round(s.clockSkewMs)} ms` : null,
    ],
    ['Last seen', s?.lastSeenAt ? fmt.dateTime(s.lastSeenAt) : 'never'],
  ];
  return rows.filter((r): r is [string, string] => !!r[1]);
}
