import { describe, expect, it } from '@jest/globals';
import { fixtureText } from './fixtures.spec-helper.js';
import { parseSockstat } from './sockstat.js';

describe('parseSockstat', () => {
  it('sums TCP and UDP "inuse" over IPv4 and IPv6 on recorded files', () => {
    // sockstat: "TCP: inuse 11 orphan 0 tw 2 ..." / sockstat6: "TCP6: inuse 2"
    const v4 = fixtureText('vm-host/proc/net/sockstat');
    const v6 = fixtureText('vm-host/proc/net/sockstat6');
    const inuse = (text: string, protocol: string): number =>
      Number(new RegExp(`^${protocol}: inuse (\\d+)`, 'm').exec(text)?.[1]);
    expect(parseSockstat(v4, v6)).toEqual({
      tcp: inuse(v4, 'TCP') + inuse(v6, 'TCP6'),
      udp: inuse(v4, 'UDP') + inuse(v6, 'UDP6'),
    });
  });

  it('ignores UDPLITE and works without sockstat6 (IPv6 disabled)', () => {
    const text =
      'sockets: used 300\nTCP: inuse 40 orphan 1 tw 9 alloc 44 mem 5\nUDP: inuse 7 mem 2\nUDPLITE: inuse 3\n';
    expect(parseSockstat(text, undefined)).toEqual({ tcp: 40, udp: 7 });
  });
});
