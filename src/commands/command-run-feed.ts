import { Injectable, Logger } from '@nestjs/common';
import type { CommandRunEvent, ExecStreamName } from '@hivewatch/protocol';
import { StringDecoder } from 'node:string_decoder';
import { CommandRunReader } from './command-run-reader.js';

/** Live text kept per target and stream for followers that join late (the record has the rest). */
const REPLAY_CHARS = 16 * 1024;

/** One live follower of a run (an SSE response). */
export interface RunListener {
  send(event: CommandRunEvent): void;
  /** The run is final: no more events. */
  end(): void;
}

/**
 * The live events of command runs (`GET /commands/{id}/events`), in order per run: every event of
 * a run goes through one promise chain, so a follower gets its snapshot, then exactly the changes
 * after it (plus the last 16 Ki characters each running target printed). Output bytes become UTF-8 text with one StringDecoder per target and stream, so a
 * character split across two chunks arrives whole.
 */
@Injectable()
export class CommandRunFeed {
  private readonly logger = new Logger(CommandRunFeed.name);
  private readonly listeners = new Map<string, Set<RunListener>>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly decoders = new Map<string, StringDecoder>();
  /** The recent live text of targets in flight, by run, replayed to a follower after its snapshot. */
  private readonly replay = new Map<string, Map<string, string>>();

  constructor(private readonly reader: CommandRunReader) {}

  /** Follows a run: a `snapshot` first (then `end` at once if the run is already final). */
  subscribe(runId: string, listener: RunListener): () => void {
    let active = true;
    this.enqueue(runId, async () => {
      if (!active) return;
      const detail = await this.reader.detail(runId);
      if (!active) return;
      if (!detail) return listener.end();
      listener.send({ type: 'snapshot', run: detail });
      if (detail.state !== 'running') return listener.end();
      for (const [key, data] of this.replay.get(runId) ?? []) {
        const [targetId, stream] = key.split(':') as [string, ExecStreamName];
        listener.send({ type: 'output', targetId, stream, data });
      }
      let set = this.listeners.get(runId);
      if (!set) this.listeners.set(runId, (set = new Set()));
      set.add(listener);
    });
    return () => {
      active = false;
      this.remove(runId, listener);
    };
  }

  followers(runId: string): number {
    return this.listeners.get(runId)?.size ?? 0;
  }

  /** Live output bytes of a running target. */
  output(runId: string, targetId: string, stream: ExecStreamName, bytes: Buffer): void {
    const key = `${targetId}:${stream}`;
    let decoder = this.decoders.get(key);
    if (!decoder) this.decoders.set(key, (decoder = new StringDecoder('utf8')));
    const data = decoder.write(bytes);
    if (data.length === 0) return;
    this.enqueue(runId, () => {
      let texts = this.replay.get(runId);
      if (!texts) this.replay.set(runId, (texts = new Map<string, string>()));
      texts.set(key, ((texts.get(key) ?? '') + data).slice(-REPLAY_CHARS));
      this.publish(runId, { type: 'output', targetId, stream, data });
    });
  }

  /** A target's record changed (`final`: it has its last state; its decoders are flushed). */
  target(runId: string, targetId: string, final = false): void {
    const rest: CommandRunEvent[] = [];
    if (final)
      for (const stream of ['stdout', 'stderr'] as const) {
        const decoder = this.decoders.get(`${targetId}:${stream}`);
        if (!decoder) continue;
        this.decoders.delete(`${targetId}:${stream}`);
        const data = decoder.end();
        if (data.length > 0) rest.push({ type: 'output', targetId, stream, data });
      }
    this.enqueue(runId, async () => {
      if (final)
        for (const stream of ['stdout', 'stderr']) this.replay.get(runId)?.delete(`${targetId}:${stream}`);
      if (!this.listeners.has(runId)) return;
      for (const event of rest) this.publish(runId, event);
      const target = await this.reader.target(targetId);
      if (target) this.publish(runId, { type: 'target', target });
      const run = await this.reader.run(runId);
      if (run) this.publish(runId, { type: 'run', run });
    });
  }

  /** The run's own record changed; once it is final its followers' streams end. */
  run(runId: string): void {
    this.enqueue(runId, async () => {
      this.replay.delete(runId);
      if (!this.listeners.has(runId)) return;
      const run = await this.reader.run(runId);
      if (!run) return;
      this.publish(runId, { type: 'run', run });
      if (run.state === 'running') return;
      const set = this.listeners.get(runId);
      this.listeners.delete(runId);
      for (const listener of set ?? []) listener.end();
    });
  }

  private publish(runId: string, event: CommandRunEvent): void {
    for (const listener of this.listeners.get(runId) ?? []) listener.send(event);
  }

  private remove(runId: string, listener: RunListener): void {
    const set = this.listeners.get(runId);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(runId);
  }

  private enqueue(runId: string, step: () => Promise<void> | void): void {
    const next = (this.chains.get(runId) ?? Promise.resolve())
      .then(step)
      .catch((err: unknown) => this.logger.error({ err, runId }, 'could not publish a command run event'));
    this.chains.set(runId, next);
    void next.then(() => {
      if (this.chains.get(runId) === next) this.chains.delete(runId);
    });
  }
}
