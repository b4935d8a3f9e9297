import type { AgentConnection } from './agent-connection.js';

/**
 * Which agent connection each long-lived item (a terminal relay, a log stream) runs over: when a
 * connection closes, `gone` is called for every item still on it. One close listener per connection.
 */
export class ConnectionWatch<T> {
  private readonly agentOf = new Map<T, AgentConnection>();
  private readonly watched = new WeakSet<AgentConnection>();

  constructor(private readonly gone: (item: T) => void) {}

  add(item: T, conn: AgentConnection): void {
    this.agentOf.set(item, conn);
    if (this.watched.has(conn)) return;
    this.watched.add(conn);
    conn.ws.once('close', () => {
      for (const [each, c] of [...this.agentOf]) if (c === conn) this.gone(each);
    });
  }

  delete(item: T): void {
    this.agentOf.delete(item);
  }
}
