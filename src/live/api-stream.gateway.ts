import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  API_LOGS_WS_PATH_PREFIX,
  API_METRICS_WS_PATH_PREFIX,
  AUTH_DEADLINE_MS,
  apiClientAuthSchema,
  CloseCode,
} from '@hivewatch/protocol';
import type { RawData, WebSocket } from 'ws';
import { CredentialsService } from '../auth/credentials.service.js';
import { pathMatcher, WsUpgradeRouter } from '../common/ws/ws-upgrade.router.js';
import { ApiStreamsService, type ApiStreamClient, type ApiStreamKind } from './api-streams.service.js';
import { Heartbeat } from './heartbeat.js';
import { sendApiError } from './live-socket.js';
import { ServerDirectory } from './server-directory.js';

/** Clients send only `auth` frames; 16 KiB leaves room for any token. */
const API_MAX_PAYLOAD = 16 * 1024;

/**
 * Seed 001's `/api/v1/ws/metrics/{server_id}` and `/api/v1/ws/logs/{server_id}` for scripts: no
 * Origin rule (no cookies are read), the first frame must be `{"type":"auth","token":…}` with an
 * access token or API key within {@link AUTH_DEADLINE_MS}; then the socket belongs to ApiStreamsService.
 */
@Injectable()
export class ApiStreamGateway implements OnModuleInit {
  private readonly logger = new Logger(ApiStreamGateway.name);

  constructor(
    private readonly router: WsUpgradeRouter,
    private readonly credentials: CredentialsService,
    private readonly directory: ServerDirectory,
    private readonly streams: ApiStreamsService,
    private readonly heartbeat: Heartbeat,
  ) {}

  onModuleInit(): void {
    for (const [kind, prefix] of [
      ['metrics', API_METRICS_WS_PATH_PREFIX],
      ['logs', API_LOGS_WS_PATH_PREFIX],
    ] as const) {
      this.router.register({
        name: `api-${kind}`,
        match: pathMatcher(`${prefix}/:serverId`),
        maxPayload: API_MAX_PAYLOAD,
        onConnection: (ws, _req, params) => this.onConnection(ws, kind, params.serverId ?? ''),
      });
    }
  }

  private onConnection(ws: WebSocket, kind: ApiStreamKind, serverId: string): void {
    ws.on('error', (err) => this.logger.debug({ err }, 'API stream socket error'));
    this.heartbeat.track(ws);
    const deadline = setTimeout(
      () => fail(ws, 'Authentication timeout', CloseCode.AuthTimeout),
      AUTH_DEADLINE_MS,
    );
    ws.once('close', () => clearTimeout(deadline));
    let client: ApiStreamClient | null = null;
    let first = true;
    ws.on('message', (data, isBinary) => {
      const token = isBinary ? null : authToken(data);
      if (client)
        return void this.streams.onClientFrame(client, token).catch((err: unknown) => this.crash(ws, err));
      if (!first) return; // frames sent while the first one is being checked
      first = false;
      clearTimeout(deadline);
      if (token === null) return fail(ws, 'Authentication required', CloseCode.AuthFailed);
      void this.authenticate(ws, kind, serverId, token)
        .then((c) => (client = c))
        .catch((err: unknown) => this.crash(ws, err));
    });
  }

  private async authenticate(
    ws: WebSocket,
    kind: ApiStreamKind,
    serverId: string,
    token: string,
  ): Promise<ApiStreamClient | null> {
    const principal = await this.credentials.authenticateBearer(token);
    if (!principal) return fail(ws, 'Invalid or expired token', CloseCode.AuthFailed);
    if (!(await this.directory.find(serverId))) return fail(ws, 'Server not found', CloseCode.ServerNotFound);
    if (ws.readyState !== ws.OPEN) return null;
    const client: ApiStreamClient = { ws, kind, serverId, principal, token };
    this.streams.open(client);
    this.logger.debug({ kind, serverId, userId: principal.userId, via: principal.via }, 'API stream opened');
    return client;
  }

  private crash(ws: WebSocket, err: unknown): void {
    this.logger.error({ err }, 'API stream failed');
    ws.close(CloseCode.InternalError, 'internal error');
  }
}

/** The token of a seed-001 `auth` frame, or null for anything else. */
function authToken(data: RawData): string | null {
  try {
    const parsed = apiClientAuthSchema.safeParse(JSON.parse(rawText(data)));
    return parsed.success ? parsed.data.token : null;
  } catch {
    return null;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

function fail(ws: WebSocket, message: string, code: CloseCode): null {
  sendApiError(ws, message);
  ws.close(code, message);
  return null;
}
