import type { PingTask } from '@hivewatch/protocol';
import { findPing } from './icmp-probe.js';
import { runProbe } from './run-probe.js';

const icmp = (target: string): PingTask => ({
  id: 'i',
  probe: 'icmp',
  target,
  intervalSeconds: 60,
  timeoutMs: 2000,
  icmpCount: 3,
});

const pingPath = findPing();
const root = process.getuid?.() === 0;
if (!root || pingPath === undefined)
  console.warn(
    'ICMP probe tests skipped: they need root and iputils ping (the agent then uses the TCP fallback)',
  );
const itRoot = root && pingPath !== undefined ? it : it.skip;

describe('ICMP probe (system ping, as root)', () => {
  itRoot('pings 127.0.0.1: 3 sent, 3 received, rtt figures', async () => {
    const result = await runProbe(icmp('127.0.0.1'), pingPath);
    expect(result).toMatchObject({ success: true, error: null, method: 'icmp' });
    expect(result.icmp).toMatchObject({ sent: 3, received: 3, lossPercent: 0 });
    expect(result.icmp?.rttAvgMs).toBeGreaterThan(0);
    expect(result.latencyMs).toBe(result.icmp?.rttAvgMs);
  });

  it('never passes an option-like target to ping', async () => {
    const result = await runProbe(icmp('-f'), pingPath ?? '/bin/false');
    expect(result).toMatchObject({ success: false, error: 'target is not a host name or address' });
  });
});
