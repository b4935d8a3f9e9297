import type { PingTask } from '@hivewatch/protocol';
import { errorMessage } from '../log/logger.js';
import { runHttp } from './http-probe.js';
import { failed, runIcmp, type ProbeOutcome } from './icmp-probe.js';
import { parseHostPort } from './probe-target.js';
import { tcpConnect } from './tcp-probe.js';

/** Runs one task of any kind; never rejects. `pingPath` undefined = ICMP not possible (TCP fallback). */
export async function runProbe(task: PingTask, pingPath: string | undefined): Promise<ProbeOutcome> {
  try {
    switch (task.probe) {
      case 'icmp':
        return await runIcmp(task, pingPath);
      case 'tcp': {
        const target = parseHostPort(task.target);
        if (typeof target === 'string') return failed('tcp', target);
        const outcome = await tcpConnect(target.host, target.port, task.timeoutMs);
        return outcome.ok
          ? { success: true, latencyMs: outcome.latencyMs, error: null, method: 'tcp' }
          : failed('tcp', outcome.error);
      }
      case 'http':
        return await runHttp(task);
    }
  } catch (error) {
    return failed(task.probe === 'icmp' ? 'icmp' : task.probe, errorMessage(error));
  }
}
