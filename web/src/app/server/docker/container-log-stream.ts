import { containerLogEventSchema, type ContainerLogEvent } from '@hivewatch/protocol';

/** Factory seam so tests can hand in a fake stream. */
export const logSourceFactory = { create: (url: string): EventSource => new EventSource(url) };

/** Lines the logs pane keeps (older ones scroll away). */
export const MAX_LOG_LINES = 2000;

export interface LogLine {
  /** Position in the stream, for `track`. */
  n: number;
  kind: 'stdout' | 'stderr' | 'note';
  text: string;
  at: number | null;
  truncated: boolean;
}

export function parseLogEvent(data: string): ContainerLogEvent | null {
  try {
    const parsed = containerLogEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The kept lines after one event: at most `max`, the newest. */
export function appendEvent(
  lines: readonly LogLine[],
  event: ContainerLogEvent,
  max = MAX_LOG_LINES,
): LogLine[] {
  let n = lines.length ? lines[lines.length - 1].n + 1 : 0;
  const added: LogLine[] = [];
  if (event.type === 'lines') {
    for (const e of event.entries)
      added.push({ n: n++, kind: e.stream, text: e.line, at: e.at, truncated: e.truncated ?? false });
  } else if (event.type === 'dropped') {
    added.push({
      n,
      kind: 'note',
      text: `… ${event.bytes} bytes dropped (too fast to send)`,
      at: null,
      truncated: false,
    });
  } else {
    added.push({
      n,
      kind: 'note',
      text: `Log stream ended: ${event.reason}`,
      at: null,
      truncated: false,
    });
  }
  const next = lines.concat(added);
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * Listens to a container's log stream until it ends: `ended` once, when the hub sends `end`, closes
 * the stream, or it fails (EventSource would reconnect by itself: the pane decides instead).
 * Returns a stop function.
 */
export function listenToLogs(
  url: string,
  onEvent: (event: ContainerLogEvent) => void,
  ended: () => void,
): () => void {
  const source = logSourceFactory.create(url);
  let open = true;
  const stop = () => {
    if (!open) return;
    open = false;
    source.close();
  };
  source.addEventListener('message', (message: MessageEvent) => {
    if (!open || typeof message.data !== 'string') return;
    const event = parseLogEvent(message.data);
    if (!event) return;
    onEvent(event);
    if (event.type === 'end') {
      stop();
      ended();
    }
  });
  source.addEventListener('error', () => {
    if (!open) return;
    stop();
    ended();
  });
  return stop;
}
