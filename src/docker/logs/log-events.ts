import type { ContainerLogEvent, DockerLogPayload } from '@hivewatch/protocol';

/**
 * One `docker-log` batch as the SSE follower's events, in order: what the agent dropped before
 * these lines (its per-second cap), the lines (each marked stdout or stderr), then `end` when it
 * was the stream's last batch.
 */
export function logEventsOf(payload: DockerLogPayload): ContainerLogEvent[] {
  const events: ContainerLogEvent[] = [];
  if (payload.droppedBytes !== undefined && payload.droppedBytes > 0)
    events.push({ type: 'dropped', bytes: payload.droppedBytes });
  if (payload.entries.length > 0) events.push({ type: 'lines', entries: payload.entries });
  if (payload.ended === true)
    events.push({ type: 'end', reason: payload.reason ?? 'the stream ended on the host' });
  return events;
}

/** Bytes of the lines of a batch (what a follower is charged for while its stream is not open yet). */
export function entryBytes(event: ContainerLogEvent): number {
  if (event.type !== 'lines') return 0;
  let bytes = 0;
  for (const e of event.entries) bytes += Buffer.byteLength(e.line);
  return bytes;
}
