import type { ExecOutputPayload, ExecRequest, ExecResult } from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import type { ExecRunner } from './exec-runner.js';

export interface ExecHandlerOptions {
  runner: ExecRunner;
  /** Sends one text frame to the hub if connected (never waits: live output is best effort). */
  send: (text: string) => boolean;
  logger: Logger;
}

/**
 * The router's `exec`: runs the command, streams `exec-output` events tagged with the request id, and
 * writes the run to the host's own log (who asked is in the hub's audit; what ran is here too).
 */
export function createExecHandler(options: ExecHandlerOptions) {
  return async (requestId: number | null, request: ExecRequest): Promise<ExecResult> => {
    const { logger, runner, send } = options;
    logger.info("running a command at the hub's request", { requestId, command: request.command });
    const result = await runner.run({
      request,
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
      durationMs: result.durationMs,
    });
    return result;
  };
}
