import type { ExecOutputPayload, ExecRequest, ExecResult } from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import type { ExecRunner } from './exec-runner.js';
import { ExecRuns } from './exec-runs.js';

export interface ExecHandlerOptions {
  runner: ExecRunner;
  /** Sends one text frame to the hub if connected (never waits: live output is best effort). */
  send: (text: string) => boolean;
  logger: Logger;
  /** Runs by request id (test seam: retention and clock). */
  runs?: ExecRuns;
}

/** The router's `exec` and `exec-cancel`. */
export type ExecHandler = ((requestId: number | null, request: ExecRequest) => Promise<ExecResult>) & {
  /** Kills the running command of `requestId`; false when none runs under that id. */
  cancel(requestId: number): boolean;
};

/**
 * The router's `exec`: runs the command once per request id (ExecRuns), streams `exec-output` events
 * tagged with the request id, and writes the run to the host's own log (who asked is in the hub's
 * audit; what ran is here too). `cancel` kills a running command's process group.
 */
export function createExecHandler(options: ExecHandlerOptions): ExecHandler {
  const { logger, runner, send } = options;
  const runs = options.runs ?? new ExecRuns();
  const start = async (requestId: number | null, request: ExecRequest, signal?: AbortSignal) => {
    logger.info("running a command at the hub's request", { requestId, command: request.command });
    const result = await runner.run({
      request,
      signal,
      onChunk:
        request.stream === false || requestId === null
          ? undefined
          : (chunk) => {
              const payload: ExecOutputPayload = {
                requestId,
                seq: chunk.seq,
                stream: chunk.stream,
                data: chunk.data.toString('base64'),
              };
              send(JSON.stringify({ type: 'event', action: 'exec-output', payload, timestamp: Date.now() }));
            },
    });
    logger.info('command finished', {
      requestId,
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut: result.timedOut,
      cancelled: result.cancelled === true,
      durationMs: result.durationMs,
    });
    return result;
  };
  const handler = (requestId: number | null, request: ExecRequest): Promise<ExecResult> => {
    if (requestId === null) return start(null, request);
    const { result, reused } = runs.run(requestId, (signal) => start(requestId, request, signal));
    if (reused) logger.info('a re-sent command request answered from its first run', { requestId });
    return result;
  };
  return Object.assign(handler, {
    cancel: (requestId: number): boolean => {
      const found = runs.cancel(requestId);
      logger.info("cancelling a command at the hub's request", { requestId, found });
      return found;
    },
  });
}
