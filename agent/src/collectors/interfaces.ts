import { existsSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';

/** What sysfs and /proc/net/vlan/config say about one interface. */
export interface InterfaceFacts {
  name: string;
  /** /sys/class/net/<if>/device exists: backed by a bus device (PCI, USB, virtio, Xen...). */
  hasDevice: boolean;
  /** /sys/class/net/<if>/bonding/ exists. */
  isBond: boolean;
  /** /sys/class/net/<if>/bridge/ exists. */
  isBridge: boolean;
  /** Listed in /proc/net/vlan/config. */
  isVlan: boolean;
}

export type InterfaceKind = 'loopback' | 'physical' | 'bond' | 'bridge' | 'vlan' | 'virtual';

export function classifyInterface(facts: InterfaceFacts): InterfaceKind {
  if (facts.name === 'lo') return 'loopback';
  if (facts.isBond) return 'bond';
  if (facts.isBridge) return 'bridge';
  if (facts.isVlan) return 'vlan';
  if (facts.hasDevice) return 'physical';
  return 'virtual';
}

/**
 * Interfaces worth reporting: physical NICs, bonds, bridges and VLANs. Left out: lo and purely
 * virtual ones (veth pairs of containers, tun/tap, ifb, dummy, wireguard...), whose traffic is either
 * local or already counted on a physical NIC. Fallback: when nothing qualifies — inside a container,
 * whose eth0 is the inner end of a veth pair — every interface except lo is reported.
 */
export function selectInterfaces(all: readonly InterfaceFacts[]): Set<string> {
  const kept = new Set<string>();
  for (const facts of all) {
    const kind = classifyInterface(facts);
    if (kind !== 'loopback' && kind !== 'virtual') kept.add(facts.name);
  }
  if (kept.size === 0) {
    for (const facts of all) if (facts.name !== 'lo') kept.add(facts.name);
  }
  return kept;
}

/** Names of the VLAN interfaces in /proc/net/vlan/config ("eth0.100 | 100 | eth0" after 2 headers). */
export function parseVlanConfig(text: string | undefined): Set<string> {
  const names = new Set<string>();
  if (text === undefined) return names;
  for (const line of text.split('\n').slice(2)) {
    const name = line.split('|')[0]?.trim();
    if (name) names.add(name);
  }
  return names;
}

/** Reads the facts of each interface from sysfs (a few stat() calls each; done when the set changes). */
export function readInterfaceFacts(
  sysClassNet: string,
  names: readonly string[],
  vlans: ReadonlySet<string>,
): InterfaceFacts[] {
  return names.map((name) => {
    const base = `${sysClassNet}/${name}`;
    return {
      name,
      hasDevice: existsSync(`${base}/device`),
      isBond: existsSync(`${base}/bonding`),
      isBridge: existsSync(`${base}/bridge`),
      isVlan: vlans.has(name),
    };
  });
}

/** A MAC from /sys/class/net/<if>/address; null for interfaces without one (tun, ppp, all zero). */
export function parseMac(text: string | undefined): string | null {
  const mac = text?.trim();
  if (!mac || /^[0:]*$/.test(mac)) return null;
  return mac;
}

export interface InterfaceAddresses {
  ipv4: string | null;
  ipv6: string | null;
}

/** First IPv4, and the first global IPv6 (else the first link-local one) of each interface. */
export function pickAddresses(table: NodeJS.Dict<NetworkInterfaceInfo[]>): Map<string, InterfaceAddresses> {
  const result = new Map<string, InterfaceAddresses>();
  for (const [name, infos] of Object.entries(table)) {
    let ipv4: string | null = null;
    let global6: string | null = null;
    let linkLocal6: string | null = null;
    for (const info of infos ?? []) {
      if (info.family === 'IPv4') ipv4 ??= info.address;
      else if (info.scopeid === 0 || info.scopeid === undefined) global6 ??= info.address;
      else linkLocal6 ??= info.address;
    }
    result.set(name, { ipv4, ipv6: global6 ?? linkLocal6 });
  }
  return result;
}
