import { parsePingOutput, pingErrorLine } from './ping-output.js';

// Recorded from iputils-ping 20221126 (`ping -n -c N -W s -i 0.2 -- host`, LC_ALL=C).
const UP = `PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.283 ms
64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.037 ms

--- 127.0.0.1 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 220ms
rtt min/avg/max/mdev = 0.037/0.160/0.283/0.123 ms
`;
const ALL_LOST = `PING 10.255.255.1 (10.255.255.1) 56(84) bytes of data.

--- 10.255.255.1 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 2036ms

`;
const PARTIAL = `PING 10.0.0.7 (10.0.0.7) 56(84) bytes of data.
64 bytes from 10.0.0.7: icmp_seq=1 ttl=63 time=12.4 ms
From 10.0.0.1 icmp_seq=2 Destination Host Unreachable
64 bytes from 10.0.0.7: icmp_seq=3 ttl=63 time=14.1 ms

--- 10.0.0.7 ping statistics ---
3 packets transmitted, 2 received, +1 errors, 33.3333% packet loss, time 402ms
rtt min/avg/max/mdev = 12.400/13.250/14.100/0.850 ms
`;
const UNKNOWN_HOST_STDERR = 'ping: nosuchhost.invalid: Name or service not known\n';

describe('parsePingOutput (iputils)', () => {
  it('reads counts, loss and rtt of a run with replies', () => {
    expect(parsePingOutput(UP)).toEqual({
      sent: 2,
      received: 2,
      lossPercent: 0,
      rttMinMs: 0.037,
      rttAvgMs: 0.16,
      rttMaxMs: 0.283,
    });
  });

  it('reads 100 % loss (no rtt line)', () => {
    expect(parsePingOutput(ALL_LOST)).toEqual({
      sent: 3,
      received: 0,
      lossPercent: 100,
      rttMinMs: null,
      rttAvgMs: null,
      rttMaxMs: null,
    });
  });

  it('reads partial loss with errors', () => {
    expect(parsePingOutput(PARTIAL)).toMatchObject({
      sent: 3,
      received: 2,
      lossPercent: 33.3333,
      rttAvgMs: 13.25,
    });
  });

  it('has no statistics for an unknown host; the error line says why', () => {
    expect(parsePingOutput('')).toBeUndefined();
    expect(pingErrorLine(UNKNOWN_HOST_STDERR)).toBe('ping: nosuchhost.invalid: Name or service not known');
  });
});
