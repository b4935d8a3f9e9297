import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '@hivewatch/protocol';

/** Refuses an upgrade before the WebSocket exists (e.g. a foreign Origin): plain HTTP status. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 429,
    message: string,
  ) {
    super(message);
  }
}

export interface WsRoute<Context = unknown> {
  /** For logs and errors, e.g. 'agents'. */
  name: string;
  /** Path parameters when the path belongs to this route, else null. */
  match(pathname: string): Record<string, string> | null;
  /** Largest accepted frame; a larger one closes the socket with 1009 (ws does it). */
  maxPayload: number;
  /**
   * Runs before the upgrade (may be async, e.g. a session lookup); throw UpgradeRefused to answer
   * with an HTTP error instead. What it returns is handed to onConnection.
   */
  checkUpgrade?(req: IncomingMessage, params: Record<string, string>): Context | Promise<Context>;
  /** Owns the socket from here on. Must never throw for bad input from the peer. */
  onConnection(ws: WebSocket, req: IncomingMessage, params: Record<string, string>, context: Context): void;
}

/** `/a/b` exactly, or with `:name` segments, e.g. `/api/v1/ws/metrics/:serverId`. */
export function pathMatcher(pattern: string): (pathname: string) => Record<string, string> | null {
  const parts = pattern.split('/');
  return (pathname) => {
    const given = pathname.replace(/\/+$/, '').split('/');
    if (given.length !== parts.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const g = given[i]!;
      if (p.startsWith(':')) {
        if (g === '') return null;
        params[p.slice(1)] = decodeSegment(g);
      } else if (p !== g) return null;
    }
    return params;
  };
}

/** A path segment, percent-decoded; a malformed escape (`%E0%A4%A`) is the client's error: 400. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new UpgradeRefused(400, 'malformed percent-encoding in the request path');
  }
}

/** The path of a request target (`/a/b?x`), or an UpgradeRefused(400) for one no URL parser accepts (`//[`). */
export function upgradePathname(target: string | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//')) {
    throw new UpgradeRefused(400, 'the request target must be an absolute path');
  }
  try {
    return new URL(target, 'http://hub').pathname;
  } catch {
    throw new UpgradeRefused(400, 'malformed request target');
  }
}

/**
 * The hub's one HTTP `upgrade` listener: routes each WebSocket handshake by path to the feature that
 * registered it (agents, browsers, API-client streams, terminals). Features register in
 * `onModuleInit`; the listener attaches at bootstrap; on shutdown every socket is told 1001 so
 * agents and browsers reconnect to the next hub.
 */
@Injectable()
export class WsUpgradeRouter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WsUpgradeRouter.name);
  private readonly routes: { route: WsRoute<unknown>; wss: WebSocketServer }[] = [];

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  register<Context>(route: WsRoute<Context>): void {
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: route.maxPayload,
      perMessageDeflate: false,
    });
    this.routes.push({ route: route, wss });
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as import('node:http').Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      this.upgrade(req, socket, head).catch((err: unknown) => {
        if (err instanceof UpgradeRefused) return refuse(socket, err.status, err.message);
        this.logger.error({ err, url: req.url?.slice(0, 256) }, 'WebSocket upgrade failed');
        refuse(socket, 500, 'Internal Server Error');
      });
    });
  }

  beforeApplicationShutdown(): void {
    for (const { wss } of this.routes) {
      for (const client of wss.clients) client.close(CloseCode.GoingAway, 'hub shutting down');
      wss.close();
    }
  }

  /** Throws UpgradeRefused for the client's mistakes; anything else is a hub bug the caller logs (500). */
  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const pathname = upgradePathname(req.url);
    for (const { route, wss } of this.routes) {
      const params = route.match(pathname);
      if (!params) continue;
      let context: unknown;
      try {
        context = await route.checkUpgrade?.(req, params);
      } catch (err) {
        if (err instanceof UpgradeRefused) return refuse(socket, err.status, err.message);
        this.logger.error({ err, route: route.name }, 'upgrade check failed');
        return refuse(socket, 403, 'Forbidden');
      }
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          route.onConnection(ws, req, params, context);
        } catch (err) {
          this.logger.error({ err, route: route.name }, 'WebSocket handler failed');
          ws.close(CloseCode.InternalError, 'internal error');
        }
      });
      return;
    }
    refuse(socket, 404, 'Not Found');
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed || !socket.writable) return;
  const reason = REASONS[status] ?? 'Error';
  const body = JSON.stringify({ statusCode: status, error: reason, message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
