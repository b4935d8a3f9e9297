import type { NetworkInterfaceInfo } from 'node:os';
import { whitespaceFields } from './fields.js';
import type { InterfaceAddresses } from './interfaces.js';
import {
  parseMac,
  parseVlanConfig,
  pickAddresses,
  readInterfaceFacts,
  selectInterfaces,
} from './interfaces.js';
import type { NetworkInterfaceMetrics } from './types.js';
import { BITS_PER_MBIT, round } from './units.js';

export interface InterfaceCounters {
  name: string;
  rxBytes: number;
  txBytes: number;
}

/**
 * /proc/net/dev after its two header lines: "  eth0: 309254103 12187 0 ... 1244969 8898 ...".
 * Receive bytes are the first column, transmit bytes the ninth. Old kernels glue big counters to
 * the colon ("eth0:309254103"), so the name is split off at the colon, not at a space.
 */
export function parseNetDev(text: string): InterfaceCounters[] {
  const result: InterfaceCounters[] = [];
  const lines = text.split('\n');
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const fields = whitespaceFields(line, colon + 1);
    result.push({
      name: line.slice(0, colon).trim(),
      rxBytes: Number(fields[0]),
      txBytes: Number(fields[8]),
    });
  }
  return result;
}

/** Megabits per second between two counter values; 0 when the counter went down (wrap or reset). */
export function counterRateMbps(
  previous: number | undefined,
  current: number,
  elapsedSeconds: number,
): number {
  if (previous === undefined || !(elapsedSeconds > 0) || current < previous) return 0;
  return round(((current - previous) * 8) / BITS_PER_MBIT / elapsedSeconds, 3);
}

export interface NetworkOptions {
  sysClassNet: string;
  vlanConfigPath: string;
  readText: (path: string) => string | undefined;
  networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** How often addresses and MACs are refreshed. Default 60 s. */
  addressRefreshMs?: number;
}

interface Selected {
  name: string;
  mac: string | null;
}

/**
 * Rates and counters of the reported interfaces. The (sysfs-heavy) interface selection is redone
 * only when the list of names in /proc/net/dev changes; addresses and MACs every minute.
 */
export class NetworkCollector {
  private previous = new Map<string, InterfaceCounters>();
  private namesKey = '';
  private selected = new Map<string, Selected>();
  private addresses = new Map<string, InterfaceAddresses>();
  private addressesReadAt = Number.NEGATIVE_INFINITY;
  private readonly refreshMs: number;

  constructor(private readonly options: NetworkOptions) {
    this.refreshMs = options.addressRefreshMs ?? 60_000;
  }

  /** Stores a reading of /proc/net/dev and returns the metrics since the previous one. */
  update(text: string, elapsedSeconds: number, nowMs: number): NetworkInterfaceMetrics[] {
    const current = parseNetDev(text);
    const refresh = nowMs - this.addressesReadAt >= this.refreshMs;
    this.refreshSelection(current, refresh);
    if (refresh) {
      this.addresses = pickAddresses(this.options.networkInterfaces());
      this.addressesReadAt = nowMs;
    }
    const result: NetworkInterfaceMetrics[] = [];
    for (const counters of current) {
      const selected = this.selected.get(counters.name);
      if (selected === undefined) continue;
      const before = this.previous.get(counters.name);
      const addresses = this.addresses.get(counters.name);
      result.push({
        name: counters.name,
        mac: selected.mac,
        ipv4: addresses?.ipv4 ?? null,
        ipv6: addresses?.ipv6 ?? null,
        uploadSpeedMbps: counterRateMbps(before?.txBytes, counters.txBytes, elapsedSeconds),
        downloadSpeedMbps: counterRateMbps(before?.rxBytes, counters.rxBytes, elapsedSeconds),
        netRxBytes: counters.rxBytes,
        netTxBytes: counters.txBytes,
      });
    }
    this.previous = new Map(current.map((counters) => [counters.name, counters]));
    return result;
  }

  private refreshSelection(current: readonly InterfaceCounters[], refreshMacs: boolean): void {
    const names = current.map((counters) => counters.name);
    const key = names.join(' ');
    if (key !== this.namesKey) {
      const vlans = parseVlanConfig(this.options.readText(this.options.vlanConfigPath));
      const kept = selectInterfaces(readInterfaceFacts(this.options.sysClassNet, names, vlans));
      this.selected = new Map([...kept].map((name) => [name, { name, mac: this.readMac(name) }]));
      this.namesKey = key;
    } else if (refreshMacs) {
      for (const entry of this.selected.values()) entry.mac = this.readMac(entry.name);
    }
  }

  private readMac(name: string): string | null {
    return parseMac(this.options.readText(`${this.options.sysClassNet}/${name}/address`));
  }
}
