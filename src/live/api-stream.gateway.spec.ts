import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { AUTH_DEADLINE_MS, CloseCode } from '@hivewatch/protocol';
import type { WebSocket } from 'ws';
import type { CredentialsService } from '../auth/credentials.service.js';
import type { Principal } from '../common/auth/principal.js';
import type { WsRoute, WsUpgradeRouter } from '../common/ws/ws-upgrade.router.js';
import { ApiStreamGateway } from './api-stream.gateway.js';
import type { ApiStreamClient, ApiStreamsService } from './api-streams.service.js';
import type { Heartbeat } from './heartbeat.js';
import type { ServerDirectory } from './server-directory.js';

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: unknown[] = [];
  closedWith: number | undefined;
  send(data: Buffer): void {
    this.sent.push(JSON.parse(data.toString()));
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
    this.emit('close');
  }
  receive(frame: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(frame)), false);
  }
}

const principal: Principal = { via: 'api-key', userId: 'u1', username: 'bot', role: 'user', scope: 'read' };

describe('ApiStreamGateway handshake', () => {
  const routes: WsRoute[] = [];
  const opened: ApiStreamClient[] = [];
  const frames: (string | null)[] = [];

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    jest.useFakeTimers();
    routes.length = 0;
    opened.length = 0;
    frames.length = 0;
    const router = { register: (r: WsRoute) => routes.push(r) } as unknown as WsUpgradeRouter;
    const credentials = {
      authenticateBearer: (t: string) => Promise.resolve(t === 'good' ? principal : null),
    } as unknown as CredentialsService;
    const directory = {
      find: (id: string) => Promise.resolve(id === 'srv-1' ? { id } : undefined),
    } as unknown as ServerDirectory;
    const streams = {
      open: (c: ApiStreamClient) => opened.push(c),
      onClientFrame: (_c: ApiStreamClient, token: string | null) => (frames.push(token), Promise.resolve()),
    } as unknown as ApiStreamsService;
    new ApiStreamGateway(router, credentials, directory, streams, {
      track: () => undefined,
    } as unknown as Heartbeat).onModuleInit();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const connect = (path: string) => {
    const ws = new FakeSocket();
    const route = routes.find((r) => r.match(path))!;
    route.onConnection(ws as unknown as WebSocket, {} as IncomingMessage, route.match(path)!, undefined);
    return ws;
  };

  it('registers the metrics and logs paths', () => {
    expect(routes.map((r) => r.name)).toEqual(['api-metrics', 'api-logs']);
    expect(routes[1]!.match('/api/v1/ws/logs/srv-1')).toEqual({ serverId: 'srv-1' });
  });

  it('closes with 4408 when no auth frame arrives in time', () => {
    const ws = connect('/api/v1/ws/metrics/srv-1');
    jest.advanceTimersByTime(AUTH_DEADLINE_MS - 1);
    expect(ws.closedWith).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(ws.sent).toEqual([{ type: 'error', message: 'Authentication timeout' }]);
    expect(ws.closedWith).toBe(CloseCode.AuthTimeout);
  });

  it('opens the stream after a good auth frame and routes later frames to the service', async () => {
    const ws = connect('/api/v1/ws/logs/srv-1');
    ws.receive({ type: 'auth', token: 'good' });
    await jest.advanceTimersByTimeAsync(0);
    expect(opened).toEqual([
      expect.objectContaining({ kind: 'logs', serverId: 'srv-1', principal, token: 'good' }),
    ]);
    ws.receive({ type: 'ping' });
    ws.receive({ type: 'auth', token: 'newer' });
    expect(frames).toEqual([null, 'newer']);
    jest.advanceTimersByTime(AUTH_DEADLINE_MS);
    expect(ws.closedWith).toBeUndefined();
  });
});
