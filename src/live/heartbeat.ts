import { Injectable, Logger } from '@nestjs/common';
import type { WebSocket } from 'ws';

/**
 * WebSocket ping/pong for the live streams: every beat pings each tracked socket, and a socket that
 * has not answered the previous ping is terminated (a browser tab that vanished, a dead NAT entry).
 * A peer that stopped reading cannot answer either, so it goes the same way.
 */
@Injectable()
export class Heartbeat {
  private readonly logger = new Logger(Heartbeat.name);
  private readonly answered = new Map<WebSocket, boolean>();

  track(ws: WebSocket): void {
    this.answered.set(ws, true);
    ws.on('pong', () => this.answered.set(ws, true));
    ws.once('close', () => this.answered.delete(ws));
  }

  get size(): number {
    return this.answered.size;
  }

  beat(): void {
    let dropped = 0;
    for (const [ws, answered] of this.answered) {
      if (!answered) {
        ws.terminate();
        this.answered.delete(ws);
        dropped++;
        continue;
      }
      this.answered.set(ws, false);
      ws.ping();
    }
    if (dropped > 0) this.logger.log({ dropped }, 'dropped live streams that missed a pong');
  }
}
