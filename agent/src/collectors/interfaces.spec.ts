import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { fixturePath, fixtureText } from './fixtures.spec-helper.js';
import type { InterfaceFacts } from './interfaces.js';
import {
  classifyInterface,
  parseMac,
  parseVlanConfig,
  pickAddresses,
  readInterfaceFacts,
  selectInterfaces,
} from './interfaces.js';
import { parseNetDev } from './network.js';

function factsOf(host: string): InterfaceFacts[] {
  const names = parseNetDev(fixtureText(host, 'proc/net/dev')).map((counters) => counters.name);
  let vlanConfig: string | undefined;
  try {
    vlanConfig = fixtureText(host, 'proc/net/vlan/config');
  } catch {
    vlanConfig = undefined;
  }
  return readInterfaceFacts(fixturePath(host, 'sys/class/net'), names, parseVlanConfig(vlanConfig));
}

describe('interface selection', () => {
  it('keeps the virtio NIC of this VM and skips lo and the ifb devices', () => {
    expect(readdirSync(fixturePath('vm-host/sys/class/net')).sort()).toEqual(['eth0', 'ifb0', 'ifb1', 'lo']);
    expect([...selectInterfaces(factsOf('vm-host'))]).toEqual(['eth0']);
  });

  it('out of 303 recorded interfaces keeps only the bridge (veths, tun and lo skipped)', () => {
    const facts = factsOf('netns-300-interfaces');
    expect(facts).toHaveLength(303);
    expect(
      Object.fromEntries(
        facts.filter((f) => !f.name.startsWith('v')).map((f) => [f.name, classifyInterface(f)]),
      ),
    ).toEqual({
      lo: 'loopback',
      br0: 'bridge',
      tun0: 'virtual',
    });
    expect([...selectInterfaces(facts)]).toEqual(['br0']);
  });

  it('keeps physical NICs, bonds, bridges and VLANs of a server, not the container veth, tun or wireguard', () => {
    const facts = factsOf('server-bond-vlan');
    expect(Object.fromEntries(facts.map((f) => [f.name, classifyInterface(f)]))).toEqual({
      lo: 'loopback',
      eno1: 'physical',
      eno2: 'physical',
      enp65s0f0: 'physical',
      bond0: 'bond',
      'bond0.100': 'vlan',
      br0: 'bridge',
      docker0: 'bridge',
      veth3f9a1c2: 'virtual',
      tun0: 'virtual',
      wg0: 'virtual',
    });
    expect([...selectInterfaces(facts)]).toEqual([
      'eno1',
      'eno2',
      'enp65s0f0',
      'bond0',
      'bond0.100',
      'br0',
      'docker0',
    ]);
  });

  it('inside a container, where eth0 is a veth, falls back to every interface but lo', () => {
    expect([...selectInterfaces(factsOf('container'))]).toEqual(['eth0']);
  });
});

describe('interface attributes', () => {
  it('reads VLAN names from /proc/net/vlan/config', () => {
    expect([...parseVlanConfig(fixtureText('server-bond-vlan/proc/net/vlan/config'))]).toEqual(['bond0.100']);
    expect(parseVlanConfig(undefined).size).toBe(0);
  });

  it('reads MACs, with null for none', () => {
    expect(parseMac(fixtureText('vm-host/sys/class/net/eth0/address'))).toBe('02:fc:00:00:00:01');
    expect(parseMac(fixtureText('vm-host/sys/class/net/lo/address'))).toBeNull();
    expect(parseMac(fixtureText('netns-300-interfaces/sys/class/net/tun0/address'))).toBeNull();
    expect(parseMac(undefined)).toBeNull();
  });

  it('picks the first IPv4 and prefers a global IPv6 over a link-local one', () => {
    const info = (address: string, family: 'IPv4' | 'IPv6', scopeid?: number): NetworkInterfaceInfo =>
      ({
        address,
        family,
        scopeid,
        internal: false,
        netmask: '',
        mac: '',
        cidr: null,
      }) as NetworkInterfaceInfo;
    const picked = pickAddresses({
      eth0: [
        info('fe80::1', 'IPv6', 2),
        info('192.0.2.2', 'IPv4'),
        info('2001:db8::2', 'IPv6', 0),
        info('10.0.0.2', 'IPv4'),
      ],
      eth1: [info('fe80::2', 'IPv6', 3)],
    });
    expect(picked.get('eth0')).toEqual({ ipv4: '192.0.2.2', ipv6: '2001:db8::2' });
    expect(picked.get('eth1')).toEqual({ ipv4: null, ipv6: 'fe80::2' });
  });
});
