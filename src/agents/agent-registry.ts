import { Injectable } from '@nestjs/common';
import type { AgentConnection } from './agent-connection.js';

/**
 * The one live connection per server. A newer authenticated connection replaces the older one;
 * the older socket's late close must not remove the newer entry, so removal is by identity.
 */
@Injectable()
export class AgentRegistry {
  private readonly live = new Map<string, AgentConnection>();

  /** Makes `conn` the server's live connection; returns the connection it replaced, if any. */
  attach(serverId: string, conn: AgentConnection): AgentConnection | undefined {
    const previous = this.live.get(serverId);
    this.live.set(serverId, conn);
    return previous === conn ? undefined : previous;
  }

  /** Removes `conn` only if it is still the server's live connection; true when it was. */
  detach(serverId: string, conn: AgentConnection): boolean {
    if (this.live.get(serverId) !== conn) return false;
    this.live.delete(serverId);
    return true;
  }

  get(serverId: string): AgentConnection | undefined {
    return this.live.get(serverId);
  }

  has(serverId: string): boolean {
    return this.live.has(serverId);
  }

  get size(): number {
    return this.live.size;
  }

  /** Live connections (iterate without holding on to it). */
  connections(): IterableIterator<AgentConnection> {
    return this.live.values();
  }

  serverIds(): string[] {
    return [...this.live.keys()];
  }
}
