import { readFileSync } from 'node:fs';
import { AGENT_DEAD_LINK_MS } from '@hivewatch/protocol';
import WebSocket from 'ws';
import { errorMessage, type Logger } from '../log/logger.js';
import { Backoff } from './backoff.js';
import { realTime, type TimeSource, type TimerHandle } from './time-source.js';

/** `ws` hands messages over as a Buffer, a list of Buffers or an ArrayBuffer. */
function asBuffers(data: ArrayBuffer | Buffer[]): Buffer[] {
  return Array.isArray(data) ? data : [Buffer.from(data)];
}

export interface TlsOptions {
  caFile?: string;
  insecure: boolean;
}

/** What the connection asks of the agent: the first frame, and what to do with the rest. */
export interface ConnectionHandler {
  /** The authenticate request to send right after the socket opens. */
  authenticateFrame(): string;
  /** Every frame from the hub (the authenticate reply included). */
  onFrame(frame: unknown): void;
  /** The socket closed (for any reason); a reconnect is scheduled after this. */
  onClosed(): void;
}

export interface HubConnectionOptions {
  endpoint: string;
  tls: TlsOptions;
  handler: ConnectionHandler;
  logger: Logger;
  time?: TimeSource;
  backoff?: Backoff;
  /** No frame, ping or pong from the hub for this long = dead link (default 60 s). */
  deadLinkMs?: number;
  /** The agent pings the hub this often, so a half-open socket is found from this side too. */
  pingEveryMs?: number;
}

/**
 * One WebSocket to the hub, re-dialled forever: exponential backoff with full jitter between attempts,
 * and a watchdog that drops a link on which nothing arrived for 60 s (the hub pings every 20 s, so a
 * silent link is a dead one, e.g. a half-open TCP connection after a NAT or hub crash).
 */
export class HubConnection {
  private socket: WebSocket | undefined;
  private readonly time: TimeSource;
  private readonly backoff: Backoff;
  private readonly deadLinkMs: number;
  private readonly pingEveryMs: number;
  private readonly ca: Buffer | undefined;
  private reconnectTimer: TimerHandle | undefined;
  private watchdog: TimerHandle | undefined;
  private pinger: TimerHandle | undefined;
  private lastHeardAt = 0;
  private stopped = true;
  /** One warning per outage: later failed attempts of the same outage are logged at debug. */
  private warnedOutage = false;

  constructor(private readonly options: HubConnectionOptions) {
    this.time = options.time ?? realTime;
    this.backoff = options.backoff ?? new Backoff();
    this.deadLinkMs = options.deadLinkMs ?? AGENT_DEAD_LINK_MS;
    this.pingEveryMs = options.pingEveryMs ?? 25_000;
    this.ca = options.tls.caFile === undefined ? undefined : readFileSync(options.tls.caFile);
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Bytes queued in the socket but not yet written to the network (for pacing). */
  get bufferedAmount(): number {
    return this.socket?.bufferedAmount ?? 0;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.dial();
  }

  /** Closes the socket and stops reconnecting. */
  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) this.time.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.socket?.close(1000, 'agent stopping');
    this.socket?.terminate();
  }

  send(text: string): boolean {
    if (!this.isOpen || !this.socket) return false;
    this.socket.send(text);
    return true;
  }

  /** The link authenticated: later failures start the backoff from its base again. */
  authenticated(): void {
    this.backoff.reset();
  }

  /** Drops the current socket (e.g. after a refused authentication); the usual reconnect follows. */
  drop(reason: string): void {
    this.options.logger.warn('dropping the hub connection', { reason });
    this.socket?.terminate();
  }

  private dial(): void {
    const { endpoint, tls, logger } = this.options;
    logger.debug('connecting', { endpoint });
    const socket = new WebSocket(endpoint, {
      ca: this.ca,
      rejectUnauthorized: !tls.insecure,
      handshakeTimeout: 15_000,
      perMessageDeflate: false,
      maxPayload: 16 * 1024 * 1024,
      minVersion: 'TLSv1.2',
    });
    this.socket = socket;
    socket.on('open', () => {
      logger.info('connected', { endpoint });
      this.warnedOutage = false;
      this.heard();
      this.armTimers(socket);
      socket.send(this.options.handler.authenticateFrame());
    });
    socket.on('message', (data, isBinary) => {
      this.heard();
      if (isBinary) return;
      let frame: unknown;
      try {
        frame = JSON.parse(
          Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(asBuffers(data)).toString('utf8'),
        );
      } catch {
        logger.warn('ignored a frame that is not JSON');
        return;
      }
      this.options.handler.onFrame(frame);
    });
    socket.on('ping', () => this.heard());
    socket.on('pong', () => this.heard());
    socket.on('error', (error) => {
      const log = this.warnedOutage ? logger.debug.bind(logger) : logger.warn.bind(logger);
      this.warnedOutage = true;
      log('connection error (retrying with backoff)', { error: errorMessage(error) });
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.clearTimers();
      logger.info('disconnected', { code, reason: reason.toString('utf8') });
      this.options.handler.onClosed();
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.options.logger.debug('reconnecting', { inMs: delay });
    this.reconnectTimer = this.time.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) this.dial();
    }, delay);
  }

  private heard(): void {
    this.lastHeardAt = Date.now();
  }

  private armTimers(socket: WebSocket): void {
    const check = (): void => {
      const silentFor = Date.now() - this.lastHeardAt;
      if (silentFor >= this.deadLinkMs) {
        this.options.logger.warn('no frame from the hub for too long: reconnecting', { silentMs: silentFor });
        socket.terminate();
        return;
      }
      this.watchdog = setTimeout(check, Math.min(this.deadLinkMs - silentFor + 10, this.deadLinkMs));
    };
    this.watchdog = setTimeout(check, this.deadLinkMs);
    const ping = (): void => {
      if (socket.readyState === WebSocket.OPEN) socket.ping();
      this.pinger = setTimeout(ping, this.pingEveryMs);
    };
    this.pinger = setTimeout(ping, this.pingEveryMs);
  }

  private clearTimers(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    if (this.pinger) clearTimeout(this.pinger);
    this.watchdog = undefined;
    this.pinger = undefined;
  }
}
