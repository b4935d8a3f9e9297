export interface SocketCounts {
  tcp: number;
  udp: number;
}

/**
 * Sums "inuse" of the TCP/TCP6 and UDP/UDP6 lines of /proc/net/sockstat and sockstat6 (~15 µs for
 * both, where walking /proc/net/tcp costs milliseconds and grows with the socket count). TCP inuse
 * counts listening and connected sockets, not TIME_WAIT ones; UDPLITE is left out.
 */
export function parseSockstat(...texts: (string | undefined)[]): SocketCounts {
  const counts: SocketCounts = { tcp: 0, udp: 0 };
  for (const text of texts) {
    if (text === undefined) continue;
    for (const line of text.split('\n')) {
      const colon = line.indexOf(':');
      const protocol = line.slice(0, colon);
      const key =
        protocol === 'TCP' || protocol === 'TCP6'
          ? 'tcp'
          : protocol === 'UDP' || protocol === 'UDP6'
            ? 'udp'
            : undefined;
      if (key === undefined) continue;
      const fields = line
        .slice(colon + 1)
        .trim()
        .split(' ');
      const at = fields.indexOf('inuse');
      const value = at === -1 ? Number.NaN : Number(fields[at + 1]);
      if (Number.isFinite(value)) counts[key] += value;
    }
  }
  return counts;
}
