import {
  FINAL_TARGET_STATES,
  type CommandRun,
  type CommandRunDetail,
  type CommandRunEvent,
  type CommandTarget,
  type ExecStreamName,
  type ExecStreamResult,
} from '@hivewatch/protocol';

/** Live text kept per stream at most; the agent caps a stream too, this only guards the page. */
export const LIVE_TEXT_MAX_CHARS = 2 * 1024 * 1024;

/** One stream of a target as shown: the stored head and tail, or the live text so far. */
export interface StreamView {
  head: string;
  /** Only when bytes were dropped between head and tail. */
  tail: string;
  droppedBytes: number;
  /** True while the text is what arrived live (no stored result yet). */
  live: boolean;
}

export interface TargetView {
  target: CommandTarget;
  stdout: StreamView;
  stderr: StreamView;
}

/** What the run page shows: the run (header) and its targets by server name. */
export interface RunView {
  run: CommandRun;
  targets: readonly TargetView[];
}

const emptyStream = (): StreamView => ({ head: '', tail: '', droppedBytes: 0, live: true });

/**
 * One stream of a target that changed. An ended target's result is the record. A running one starts
 * over with a snapshot (the hub follows it with the recent output again, as `output` events, and
 * any output so far in the snapshot itself); otherwise the text this page has been appending stays,
 * unless it has none and the hub sent some.
 */
function streamView(
  target: CommandTarget,
  result: ExecStreamResult | null,
  before: StreamView | undefined,
  snapshot: boolean,
): StreamView {
  const final = FINAL_TARGET_STATES.includes(target.state);
  const fromResult = (r: ExecStreamResult): StreamView => ({
    head: r.head,
    tail: r.tail,
    droppedBytes: r.droppedBytes,
    live: !final,
  });
  if (result && (final || snapshot || !before || before.head.length + before.tail.length === 0))
    return fromResult(result);
  if (snapshot && !final) return emptyStream();
  const kept = before ?? emptyStream();
  return final ? { ...kept, live: false } : kept;
}

function targetView(target: CommandTarget, before: TargetView | undefined, snapshot = false): TargetView {
  return {
    target,
    stdout: streamView(target, target.stdout, before?.stdout, snapshot),
    stderr: streamView(target, target.stderr, before?.stderr, snapshot),
  };
}

const byServerName = (a: TargetView, b: TargetView) => a.target.serverName.localeCompare(b.target.serverName);

function runOf(detail: CommandRunDetail): CommandRun {
  const { results: _results, ...run } = detail;
  return run;
}

/**
 * A run read whole: a `snapshot` of the event stream (running targets start over: the hub replays
 * their recent output after it), or `GET /commands/:id` after the stream ended (`snapshot` false:
 * the text shown so far stays until a target's result replaces it).
 */
export function viewOfDetail(
  detail: CommandRunDetail,
  before: RunView | null = null,
  snapshot = false,
): RunView {
  const previous = new Map(before?.targets.map((t) => [t.target.id, t]) ?? []);
  return {
    run: runOf(detail),
    targets: detail.results.map((t) => targetView(t, previous.get(t.id), snapshot)).sort(byServerName),
  };
}

/** Live text fills the head up to half the limit, then the tail keeps the newest half (as the agent does). */
function appendLive(stream: StreamView, data: string): StreamView {
  if (!stream.live) return stream; // the stored result is the record; a late chunk would repeat it
  const half = LIVE_TEXT_MAX_CHARS / 2;
  const room = stream.tail || stream.droppedBytes ? 0 : Math.max(0, half - stream.head.length);
  const head = stream.head + data.slice(0, room);
  let tail = stream.tail + data.slice(room);
  let droppedBytes = stream.droppedBytes;
  if (tail.length > half) {
    droppedBytes += tail.length - half;
    tail = tail.slice(tail.length - half);
  }
  return { head, tail, droppedBytes, live: true };
}

/** Applies one event of `GET /commands/:id/events`; the view is never changed in place. */
export function applyRunEvent(view: RunView | null, event: CommandRunEvent): RunView | null {
  if (event.type === 'snapshot') return viewOfDetail(event.run, view, true);
  if (!view) return null; // nothing to patch before the snapshot
  switch (event.type) {
    case 'run':
      return { ...view, run: event.run };
    case 'target': {
      const before = view.targets.find((t) => t.target.id === event.target.id);
      const next = targetView(event.target, before);
      const others = view.targets.filter((t) => t !== before);
      return { ...view, targets: [...others, next].sort(byServerName) };
    }
    case 'output':
      return {
        ...view,
        targets: view.targets.map((t) =>
          t.target.id === event.targetId ? withOutput(t, event.stream, event.data) : t,
        ),
      };
  }
}

function withOutput(t: TargetView, stream: ExecStreamName, data: string): TargetView {
  return stream === 'stdout'
    ? { ...t, stdout: appendLive(t.stdout, data) }
    : { ...t, stderr: appendLive(t.stderr, data) };
}
