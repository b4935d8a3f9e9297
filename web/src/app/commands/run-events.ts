import { commandRunEventSchema, type CommandRunEvent } from '@hivewatch/protocol';

/** Factory seam so tests can hand in a fake stream. */
export const eventSourceFactory = { create: (url: string): EventSource => new EventSource(url) };

const EVENT_NAMES = ['message', 'snapshot', 'target', 'output', 'run'] as const;

/**
 * Listens to a run's event stream until it ends: each event is checked against the contract
 * (a malformed one is skipped); `ended` is called once, when the hub closes the stream or it fails
 * (EventSource would reconnect on its own: the page decides instead). Returns a stop function.
 */
export function listenToRun(
  url: string,
  onEvent: (event: CommandRunEvent) => void,
  ended: () => void,
): () => void {
  const source = eventSourceFactory.create(url);
  let open = true;
  const stop = () => {
    if (!open) return;
    open = false;
    source.close();
  };
  const handle = (message: Event) => {
    if (!open || !(message instanceof MessageEvent) || typeof message.data !== 'string') return;
    const event = parseRunEvent(message.data);
    if (event) onEvent(event);
  };
  // the hub may name its events (`event: output`) or not (`message`): one event reaches one listener
  for (const name of EVENT_NAMES) source.addEventListener(name, handle);
  source.addEventListener('error', () => {
    if (!open) return;
    stop();
    ended();
  });
  return stop;
}

export function parseRunEvent(data: string): CommandRunEvent | null {
  try {
    const parsed = commandRunEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
