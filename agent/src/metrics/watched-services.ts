import type { WatchedService } from '@hivewatch/protocol';
import { errorMessage, type Logger } from '../log/logger.js';
import type { SystemdClient } from '../systemd/systemd-client.js';

/**
 * The watchlist's states, refreshed in the background (one `systemctl show` for all of them, at most
 * every `refreshMs`), so that a sample never waits for a child process: each sample carries the latest
 * states known.
 */
export class WatchedServices {
  private names: string[] = [];
  private latest: WatchedService[] = [];
  private refreshedAt = 0;
  private running = false;

  constructor(
    private readonly systemd: SystemdClient,
    private readonly logger: Logger,
    private readonly refreshMs = 10_000,
  ) {}

  set watchlist(names: readonly string[]) {
    this.names = [...names];
    this.latest = names.map((name) => ({ name, activeState: 'unknown', subState: 'unknown' }));
    this.refreshedAt = 0;
  }

  get watchlist(): readonly string[] {
    return this.names;
  }

  /** Latest states (undefined when nothing is watched); starts a refresh when they are stale. */
  current(now = Date.now()): WatchedService[] | undefined {
    if (this.names.length === 0) return undefined;
    if (!this.running && now - this.refreshedAt >= this.refreshMs) void this.refresh(now);
    return this.latest;
  }

  /** Refreshes now and resolves when done (the first sample after start waits for it). */
  async refresh(now = Date.now()): Promise<void> {
    if (this.names.length === 0 || this.running) return;
    this.running = true;
    const names = this.names;
    try {
      const states = await this.systemd.states(names);
      if (names === this.names) this.latest = states;
    } catch (error) {
      this.logger.warn('could not read the watched services', { error: errorMessage(error) });
    } finally {
      this.refreshedAt = now;
      this.running = false;
    }
  }
}
