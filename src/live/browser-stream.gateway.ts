import type { IncomingMessage } from 'node:http';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BROWSER_WS_PATH } from '@hivewatch/protocol';
import type { WebSocket } from 'ws';
import { CredentialsService } from '../auth/credentials.service.js';
import type { Principal } from '../common/auth/principal.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { pathMatcher, UpgradeRefused, WsUpgradeRouter } from '../common/ws/ws-upgrade.router.js';
import { AppConfig } from '../config/app-config.js';
import { BrowserHub } from './browser-hub.service.js';
import { isConsoleOrigin, readCookie } from './browser-origin.js';
import { Heartbeat } from './heartbeat.js';
import { ServerDirectory } from './server-directory.js';

interface BrowserContext {
  principal: Principal;
  cookie: string;
}

/** Browsers send nothing on this stream; anything bigger than this is not a console. */
const BROWSER_MAX_PAYLOAD = 4 * 1024;

/**
 * `/api/v1/ws`: refuses a foreign or missing Origin (403) and a missing or invalid session (401)
 * before the upgrade, then hands the socket to the BrowserHub.
 */
@Injectable()
export class BrowserStreamGateway implements OnModuleInit {
  private readonly logger = new Logger(BrowserStreamGateway.name);

  constructor(
    private readonly router: WsUpgradeRouter,
    private readonly credentials: CredentialsService,
    private readonly hub: BrowserHub,
    private readonly directory: ServerDirectory,
    private readonly heartbeat: Heartbeat,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.router.register<BrowserContext>({
      name: 'browser',
      match: pathMatcher(BROWSER_WS_PATH),
      maxPayload: BROWSER_MAX_PAYLOAD,
      checkUpgrade: (req) => this.checkUpgrade(req),
      onConnection: (ws, _req, _params, context) => this.onConnection(ws, context),
    });
  }

  private async checkUpgrade(req: IncomingMessage): Promise<BrowserContext> {
    if (!isConsoleOrigin(req.headers, this.config.publicUrl)) {
      throw new UpgradeRefused(403, 'Origin not allowed');
    }
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!cookie) throw new UpgradeRefused(401, 'Sign in first');
    const principal = await this.credentials.authenticateSession(cookie);
    if (!principal) throw new UpgradeRefused(401, 'Session invalid or expired');
    // one cheap query, so a server created a moment ago is in this browser's full_sync
    await this.directory.refresh();
    return { principal, cookie };
  }

  private onConnection(ws: WebSocket, { principal, cookie }: BrowserContext): void {
    ws.on('error', (err) => this.logger.debug({ err }, 'console stream socket error'));
    this.heartbeat.track(ws);
    this.hub.add(ws, principal, cookie);
  }
}
