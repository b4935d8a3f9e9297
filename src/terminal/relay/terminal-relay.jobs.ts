import { Injectable, Logger } from '@nestjs/common';
import { CloseCode } from '@hivewatch/protocol';
import { CredentialsService } from '../../auth/credentials.service.js';
import { IntervalJobs } from '../../common/jobs/interval-jobs.js';
import { AppConfig } from '../../config/app-config.js';
import { Heartbeat } from '../../live/heartbeat.js';
import { TerminalRelays } from './terminal-relays.js';

/** Terminals re-check their console session at least this often (sign-out ends them within it). */
export const TERMINAL_SESSION_RECHECK_MS = 5_000;

/**
 * The relays' timers: pings for the browsers' sockets, and the re-check of each terminal's console
 * session — signed out, session revoked, user disabled or no longer an admin all end the user's
 * terminals with reason `signed-out` (the same check the console stream makes, more often).
 */
@Injectable()
export class TerminalRelayJobs {
  private readonly logger = new Logger(TerminalRelayJobs.name);

  constructor(
    config: AppConfig,
    intervals: IntervalJobs,
    readonly heartbeat: Heartbeat,
    private readonly relays: TerminalRelays,
    private readonly credentials: CredentialsService,
  ) {
    intervals.every('terminal heartbeat', config.live.pingIntervalMs, () => this.heartbeat.beat());
    const recheckMs = Math.min(config.live.authRecheckMs, TERMINAL_SESSION_RECHECK_MS);
    intervals.every('terminal session re-check', recheckMs, () => this.recheckSessions());
  }

  async recheckSessions(): Promise<void> {
    const byCookie = new Map<string, string>();
    for (const relay of this.relays.list()) byCookie.set(relay.id.cookie, relay.id.userId);
    for (const [cookie, userId] of byCookie) {
      const principal = await this.credentials.authenticateSession(cookie).catch((err: unknown) => {
        this.logger.error({ err }, 'terminal session re-check failed');
        return undefined; // keep the terminals on a database hiccup
      });
      if (principal === undefined) continue;
      if (principal?.userId === userId && principal.role === 'admin') continue;
      for (const relay of this.relays.list())
        if (relay.id.cookie === cookie) relay.end('signed-out', CloseCode.AuthFailed, 'session ended');
    }
  }
}
