import type { Sample } from '../records/sample.js';

/**
 * Which servers changed since the previous batching tick: the latest live sample is a new object
 * (LiveState replaces it on every live sample), or something else about the server was marked
 * (presence, metadata). Computed once per tick for every browser, never per browser.
 */
export class ChangeTracker {
  private readonly seen = new Map<string, Sample>();
  private readonly marked = new Set<string>();

  /** Forces the server into the next batch (it came online, went offline, was renamed, …). */
  mark(serverId: string): void {
    this.marked.add(serverId);
  }

  forget(serverId: string): void {
    this.seen.delete(serverId);
    this.marked.delete(serverId);
  }

  /** The ids among `serverIds` that changed since the last call, in the order given. */
  collect(serverIds: Iterable<string>, latest: (serverId: string) => Sample | undefined): string[] {
    const changed: string[] = [];
    for (const id of serverIds) {
      const sample = latest(id);
      const moved = sample !== undefined && this.seen.get(id) !== sample;
      if (moved) this.seen.set(id, sample);
      if (moved || this.marked.has(id)) changed.push(id);
    }
    this.marked.clear();
    return changed;
  }
}
