import type { Sample } from '../records/sample.js';

/**
 * The evaluator's in-memory recent window: the last live samples of every server, oldest first,
 * fed from the records ingest path (one array push per sample) and trimmed by age and count.
 * Long durations do not need long windows: the evaluator folds samples incrementally (see
 * alert-evaluator.ts), so the window only has to cover the time between two ticks and let a new or
 * edited rule start from the recent past.
 */
export class RecentWindow {
  private readonly samples = new Map<string, Sample[]>();

  constructor(
    private readonly retainMs: number,
    private readonly maxPerServer = 32,
  ) {}

  add(sample: Sample): void {
    if (!sample.live) return;
    let list = this.samples.get(sample.serverId);
    if (!list) {
      list = [];
      this.samples.set(sample.serverId, list);
    }
    const last = list[list.length - 1];
    // out-of-order live samples are ignored: the window stays sorted by receive time
    if (last && sample.receivedAt < last.receivedAt) return;
    list.push(sample);
    const oldest = sample.receivedAt - this.retainMs;
    let drop = Math.max(0, list.length - this.maxPerServer);
    while (drop < list.length - 1 && list[drop]!.receivedAt < oldest) drop++;
    if (drop > 0) list.splice(0, drop);
  }

  /** The server's samples, oldest first (do not mutate). */
  of(serverId: string): readonly Sample[] {
    return this.samples.get(serverId) ?? EMPTY;
  }

  /** Drops the samples of servers no longer in the list (deleted). */
  retainOnly(serverIds: ReadonlySet<string>): void {
    for (const id of this.samples.keys()) if (!serverIds.has(id)) this.samples.delete(id);
  }
}

const EMPTY: readonly Sample[] = Object.freeze([]);
