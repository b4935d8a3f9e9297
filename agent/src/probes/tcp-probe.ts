import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { errorMessage } from '../log/logger.js';

export type ConnectOutcome = { ok: true; latencyMs: number } | { ok: false; error: string };

/** A TCP connect to host:port within `timeoutMs`; the latency is the connect time. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host, port });
    const finish = (outcome: ConnectOutcome): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `timeout after ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => finish({ ok: true, latencyMs: round(performance.now() - started) }));
    socket.once('error', (error) => finish({ ok: false, error: errorMessage(error) }));
  });
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
