import type { IncomingMessage } from 'node:http';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TERMINAL_DATA_MAX_BYTES, TERMINAL_WS_PATH_PREFIX } from '@hivewatch/protocol';
import { CredentialsService } from '../../auth/credentials.service.js';
import { SESSION_COOKIE } from '../../auth/session-cookie.js';
import { upgradeClientIp } from '../../common/ws/client-ip.js';
import { pathMatcher, UpgradeRefused, WsUpgradeRouter } from '../../common/ws/ws-upgrade.router.js';
import { AppConfig } from '../../config/app-config.js';
import { isConsoleOrigin, readCookie } from '../../live/browser-origin.js';
import { TerminalRelayJobs } from './terminal-relay.jobs.js';
import { TerminalOpener, type TerminalSocketContext } from './terminal-opener.js';

/** An `input` frame of 64 KiB: base64 (4/3) plus the JSON around it. */
export const TERMINAL_MAX_PAYLOAD = Math.ceil(TERMINAL_DATA_MAX_BYTES / 3) * 4 + 1024;

/**
 * `/api/v1/ws/terminal` (docs/terminal.md): before the upgrade, a foreign or missing Origin is 403,
 * any query string 400 (a ticket in a URL ends up in access logs) and a missing or invalid console
 * session 401. The socket then belongs to the TerminalOpener (ticket in the first frame).
 */
@Injectable()
export class TerminalGateway implements OnModuleInit {
  constructor(
    private readonly router: WsUpgradeRouter,
    private readonly credentials: CredentialsService,
    private readonly opener: TerminalOpener,
    private readonly jobs: TerminalRelayJobs,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.router.register<TerminalSocketContext>({
      name: 'terminal',
      match: pathMatcher(TERMINAL_WS_PATH_PREFIX),
      maxPayload: TERMINAL_MAX_PAYLOAD,
      checkUpgrade: (req) => this.checkUpgrade(req),
      onConnection: (ws, _req, _params, context) => {
        this.jobs.heartbeat.track(ws);
        this.opener.accept(ws, context);
      },
    });
  }

  private async checkUpgrade(req: IncomingMessage): Promise<TerminalSocketContext> {
    if (!isConsoleOrigin(req.headers, this.config.publicUrl))
      throw new UpgradeRefused(403, 'Origin not allowed');
    if (req.url?.includes('?'))
      throw new UpgradeRefused(
        400,
        'no query string here: send the ticket in the first frame, never in the URL',
      );
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!cookie) throw new UpgradeRefused(401, 'Sign in first');
    const principal = await this.credentials.authenticateSession(cookie);
    if (!principal) throw new UpgradeRefused(401, 'Session invalid or expired');
    const userAgent = req.headers['user-agent'];
    return {
      principal,
      cookie,
      remoteAddress: upgradeClientIp(req, this.config.trustProxy)?.slice(0, 64) ?? null,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 255) : null,
    };
  }
}
