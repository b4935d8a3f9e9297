import { Injectable, Logger } from '@nestjs/common';
import { AUTH_DEADLINE_MS, CloseCode, type TerminalBrowserFrame } from '@hivewatch/protocol';
import { WebSocket } from 'ws';
import { RpcClient } from '../../agents/rpc/rpc-client.js';
import { CredentialsService } from '../../auth/credentials.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { ServersService } from '../../servers/servers.service.js';
import type { TerminalRecordingSink } from '../sessions/terminal-recording-sink.js';
import { TerminalSessionLog } from '../sessions/terminal-session-log.service.js';
import { TerminalTicketError } from '../terminal-tickets.js';
import { TerminalTicketsService } from '../terminal-tickets.service.js';
import { AgentTerminalLink } from './agent-terminal-link.js';
import { parseBrowserFrame } from './browser-frames.js';
import { TerminalLimits } from './terminal-limits.js';
import { TerminalRelay } from './terminal-relay.js';
import { TerminalRelays } from './terminal-relays.js';

export interface TerminalSocketContext {
  principal: Principal;
  cookie: string;
  remoteAddress: string | null;
  userAgent: string | null;
}

type AuthFrame = Extract<TerminalBrowserFrame, { type: 'auth' }>;

/** Why a socket does not get a terminal: sent as an `error` frame, then the socket is closed. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly code: number = CloseCode.PolicyViolation,
  ) {
    super(message);
  }
}

/** Frames a browser may send while its `auth` is being checked (it should wait for `ready`). */
const MAX_EARLY_FRAMES = 64;

/**
 * A browser's terminal socket up to its relay: the first frame must be `auth` within 10 s; its ticket
 * is redeemed (once) and must belong to the cookie's user, who must still be an admin; the limits
 * must allow another session; the agent must be connected and able to open one. Then the session
 * is recorded (TerminalSessionLog) and the relay asks the agent for the PTY.
 */
@Injectable()
export class TerminalOpener {
  private readonly logger = new Logger(TerminalOpener.name);

  constructor(
    private readonly tickets: TerminalTicketsService,
    private readonly credentials: CredentialsService,
    private readonly servers: ServersService,
    private readonly rpc: RpcClient,
    private readonly relays: TerminalRelays,
    private readonly limits: TerminalLimits,
    private readonly sessionLog: TerminalSessionLog,
  ) {}

  accept(ws: WebSocket, context: TerminalSocketContext): void {
    let relay: TerminalRelay | undefined;
    let early: TerminalBrowserFrame[] | undefined;
    const refuse = (refusal: Refusal): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify({ type: 'error', message: refusal.message }));
      ws.close(refusal.code, refusal.message.slice(0, 120));
    };
    const deadline = setTimeout(
      () => refuse(new Refusal('no auth frame within 10 s', CloseCode.AuthTimeout)),
      AUTH_DEADLINE_MS,
    );
    deadline.unref();
    ws.on('error', (err) => this.logger.debug({ err }, 'terminal socket error'));
    ws.on('close', () => {
      clearTimeout(deadline);
      relay?.end('user');
    });
    ws.on('message', (data, isBinary) => {
      const parsed = parseBrowserFrame(data, isBinary);
      if (relay) return parsed.ok ? relay.browserFrame(parsed.frame) : relay.badFrame(parsed.message);
      if (early) {
        if (!parsed.ok) return refuse(new Refusal(parsed.message));
        if (early.push(parsed.frame) > MAX_EARLY_FRAMES)
          refuse(new Refusal('wait for "ready" before typing'));
        return;
      }
      clearTimeout(deadline);
      if (!parsed.ok) return refuse(new Refusal(parsed.message));
      if (parsed.frame.type !== 'auth') return refuse(new Refusal('the first frame must be "auth"'));
      const auth = parsed.frame;
      early = [];
      this.authenticate(ws, context, auth)
        .then(({ opened, sink }) => {
          relay = opened;
          if (ws.readyState !== WebSocket.OPEN) return opened.end('user');
          for (const frame of early?.splice(0) ?? []) opened.browserFrame(frame);
          return opened.open(auth.cols, auth.rows, sink);
        })
        .catch((err: unknown) => {
          if (err instanceof Refusal) return refuse(err);
          this.logger.error({ err }, 'terminal could not be opened');
          refuse(new Refusal('the terminal could not be opened', CloseCode.InternalError));
        });
    });
  }

  private async authenticate(
    ws: WebSocket,
    context: TerminalSocketContext,
    auth: AuthFrame,
  ): Promise<{ opened: TerminalRelay; sink: TerminalRecordingSink | null }> {
    let grant;
    try {
      grant = this.tickets.redeem(auth.ticket);
    } catch (err) {
      if (err instanceof TerminalTicketError) throw new Refusal(err.message);
      throw err;
    }
    const principal = await this.credentials.authenticateSession(context.cookie);
    if (!principal) throw new Refusal('your session has ended: sign in again', CloseCode.AuthFailed);
    if (principal.userId !== grant.userId) throw new Refusal('this terminal ticket belongs to another user');
    if (principal.via !== 'session' || principal.role !== 'admin')
      throw new Refusal('terminals are for admins only');
    const server = await this.servers.get(grant.serverId).catch(() => null);
    if (!server) throw new Refusal('the server no longer exists');
    let agent;
    try {
      agent = this.rpc.usableConnection(grant.serverId, 'terminal-open');
    } catch (err) {
      throw new Refusal((err as Error).message);
    }
    const check = await this.limits.checker();
    if (ws.readyState !== WebSocket.OPEN) throw new Refusal('the browser went away');
    const over = check(grant.serverId, grant.userId);
    if (over) throw new Refusal(over);

    const id = {
      sessionId: grant.sessionId,
      serverId: grant.serverId,
      userId: grant.userId,
      cookie: context.cookie,
    };
    let started: Promise<unknown> = Promise.resolve();
    const relay = new TerminalRelay(id, ws, new AgentTerminalLink(this.rpc, grant.serverId), {
      ended: (ended, end) => {
        this.relays.remove(ended);
        started = started
          .then(() => this.sessionLog.ended(ended.sessionId, end))
          .catch((err: unknown) =>
            this.logger.error({ err, sessionId: ended.sessionId }, 'could not record a terminal end'),
          );
      },
      debug: (message, detail) => this.logger.debug({ ...detail, sessionId: grant.sessionId }, message),
    });
    this.relays.add(relay, agent);
    const recording = this.sessionLog.started({
      id: grant.sessionId,
      serverId: grant.serverId,
      serverName: server.name,
      userId: principal.userId,
      userName: principal.username,
      remoteAddress: context.remoteAddress,
      userAgent: context.userAgent,
      cols: auth.cols,
      rows: auth.rows,
    });
    started = recording;
    try {
      return { opened: relay, sink: await recording };
    } catch (err) {
      this.logger.error({ err, sessionId: grant.sessionId }, 'could not record a terminal start');
      relay.end('spawn-failed');
      throw new Refusal('the terminal session could not be recorded', CloseCode.InternalError);
    }
  }
}
