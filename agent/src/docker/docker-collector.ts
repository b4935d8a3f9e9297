import {
  MAX_CONTAINERS,
  noContainerFigures,
  type ContainerSnapshot,
  type DockerStatsPayload,
} from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import {
  containerSnapshot,
  dockerState,
  inspectFacts,
  listId,
  type InspectFacts,
} from './container-snapshot.js';
import type { DockerEngine } from './docker-engine.js';
import { cutText, engineMessage, obj, type JsonObject } from './engine-values.js';
import { mapLimit } from './map-limit.js';
import { figures, readStats, type StatsReading } from './stats-math.js';

export interface DockerCollectorOptions {
  engine: DockerEngine;
  logger: Logger;
  /** Stats calls in flight at once. */
  concurrency: number;
  now?: () => number;
}

/**
 * One collection = one list call (all containers), an inspect only for containers not seen before
 * (or touched by an event since: restart count, health, exit code), and one one-shot stats call per
 * running or paused container, `concurrency` at a time. CPU % and rates come from the previous
 * collection's reading of the same container. Never throws: an unreachable engine is
 * `available: false` with its error, logged when that changes, not at every interval.
 */
export class DockerCollector {
  private readonly readings = new Map<string, StatsReading>();
  private readonly facts = new Map<string, InspectFacts>();
  private lastError: string | null | undefined;
  private readonly now: () => number;

  constructor(private readonly options: DockerCollectorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** An event touched the container: its inspect facts are read again at the next collection. */
  forget(id: string): void {
    this.facts.delete(id);
  }

  /** With `figures` false (`docker-list`), no stats calls: only what list and inspect say. */
  async collect(withFigures = true): Promise<DockerStatsPayload> {
    const at = this.now();
    try {
      const entries = (await this.options.engine.listContainers()).slice(0, MAX_CONTAINERS).map(obj);
      const containers = await this.snapshots(entries, withFigures, at);
      this.availability(null);
      return { available: true, at, containers };
    } catch (error) {
      const message = cutText(
        `cannot reach the Docker engine at ${this.options.engine.address}: ${engineMessage(error)}`,
      );
      this.availability(message);
      this.readings.clear();
      return { available: false, error: message, at, containers: [] };
    }
  }

  private async snapshots(
    entries: JsonObject[],
    withFigures: boolean,
    at: number,
  ): Promise<ContainerSnapshot[]> {
    const listed = entries.flatMap((entry) => {
      const id = listId(entry);
      return id === undefined ? [] : [{ entry, id }];
    });
    const ids = new Set(listed.map(({ id }) => id));
    for (const id of [...this.facts.keys()]) if (!ids.has(id)) this.facts.delete(id);
    for (const id of [...this.readings.keys()]) if (!ids.has(id)) this.readings.delete(id);
    const { concurrency } = this.options;
    await mapLimit(
      listed.filter(({ id }) => !this.facts.has(id)),
      concurrency,
      async ({ id }) => {
        try {
          this.facts.set(id, inspectFacts(await this.options.engine.inspect(id)));
        } catch {
          /* removed between list and inspect: the list's own fields still go out */
        }
      },
    );
    return mapLimit(listed, concurrency, async ({ entry, id }) => {
      const state = dockerState(entry['State']);
      const live = state === 'running' || state === 'paused';
      if (!live) this.readings.delete(id);
      const stats = withFigures && live ? await this.stats(id, at) : noContainerFigures();
      return containerSnapshot(entry, id, this.facts.get(id), stats);
    });
  }

  private async stats(id: string, at: number) {
    try {
      const current = readStats(await this.options.engine.statsOnce(id), at);
      const previous = this.readings.get(id);
      this.readings.set(id, current);
      return figures(previous, current);
    } catch {
      this.readings.delete(id);
      return noContainerFigures();
    }
  }

  private availability(error: string | null): void {
    if (error === this.lastError) return;
    const first = this.lastError === undefined;
    this.lastError = error;
    if (error !== null)
      this.options.logger.warn('the Docker engine is unreachable (retried every interval)', { error });
    else if (!first)
      this.options.logger.info('the Docker engine is reachable again', {
        address: this.options.engine.address,
      });
  }
}
