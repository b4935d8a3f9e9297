import { Injectable } from '@nestjs/common';
import { TerminalSettingsService } from '../sessions/terminal-settings.service.js';
import { TerminalRelays } from './terminal-relays.js';

/**
 * The session limits (Administration → Terminal settings, defaults 4 per server and 8 per user): why
 * another session may not open right now, or null. Counts this hub's live relays (a hub cluster
 * would need them in shared storage).
 */
@Injectable()
export class TerminalLimits {
  constructor(
    private readonly settings: TerminalSettingsService,
    private readonly relays: TerminalRelays,
  ) {}

  /** Reads the settings (async); the returned check is synchronous, so check-and-add cannot race. */
  async checker(): Promise<(serverId: string, userId: string) => string | null> {
    const { maxSessionsPerServer, maxSessionsPerUser } = await this.settings.get();
    return (serverId, userId) => {
      if (this.relays.countForServer(serverId) >= maxSessionsPerServer)
        return `this server already has ${maxSessionsPerServer} open terminal sessions (the limit)`;
      if (this.relays.countForUser(userId) >= maxSessionsPerUser)
        return `you already have ${maxSessionsPerUser} open terminal sessions (the limit)`;
      return null;
    };
  }
}
