import type { DockerLogPayload, DockerLogsStartRequest } from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import { CONTAINER_ID } from './container-snapshot.js';
import type { DockerEngine } from './docker-engine.js';
import { bool, obj, str } from './engine-values.js';
import { DockerLogStream } from './log-stream.js';

/** A refusal the hub gets as `{status:'error', message}`. */
export class DockerRequestError extends Error {
  override name = 'DockerRequestError';
}

export interface DockerLogStreamsOptions {
  engine: DockerEngine;
  logger: Logger;
  maxStreams: number;
  send(payload: DockerLogPayload): void;
}

/** The open `docker-logs-start` streams by stream id, at most `maxStreams` at once. */
export class DockerLogStreams {
  private readonly streams = new Map<string, DockerLogStream>();

  constructor(private readonly options: DockerLogStreamsOptions) {}

  get size(): number {
    return this.streams.size;
  }

  async start(request: DockerLogsStartRequest): Promise<void> {
    const { streamId } = request;
    if (this.streams.has(streamId))
      throw new DockerRequestError(`Docker log stream '${streamId}' is already open`);
    if (this.streams.size >= this.options.maxStreams)
      throw new DockerRequestError(
        `this host allows at most ${this.options.maxStreams} Docker log streams at once: stop one first`,
      );
    const info = obj(await this.options.engine.inspect(request.containerId));
    const id = str(info['Id']);
    if (id === undefined || !CONTAINER_ID.test(id))
      throw new DockerRequestError(`No such container: ${request.containerId}`);
    if (this.streams.has(streamId) || this.streams.size >= this.options.maxStreams)
      throw new DockerRequestError(`Docker log stream '${streamId}' could not be opened: too many at once`);
    const stream = new DockerLogStream({
      streamId,
      tty: bool(obj(info['Config'])['Tty']),
      follow: request.follow,
      send: (payload) => this.options.send(payload),
      onEnd: () => {
        if (this.streams.get(streamId) === stream) this.streams.delete(streamId);
      },
    });
    this.streams.set(streamId, stream);
    try {
      stream.attach(await this.options.engine.logs(id, request.tail, request.follow));
    } catch (error) {
      stream.stop('could not open', true);
      throw error;
    }
    this.options.logger.debug('Docker log stream opened', { streamId, container: id.slice(0, 12) });
  }

  /** `docker-logs-stop`; true when the stream was open. */
  stop(streamId: string, reason = 'stopped by the hub'): boolean {
    const stream = this.streams.get(streamId);
    if (!stream) return false;
    stream.stop(reason);
    return true;
  }

  /** Every stream ends: `silent` when the hub's link is gone (nothing can be sent anyway). */
  stopAll(reason: string, silent: boolean): void {
    for (const stream of [...this.streams.values()]) stream.stop(reason, silent);
    this.streams.clear();
  }
}
