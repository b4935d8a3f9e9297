import { WebSocket } from 'ws';

/** A test WebSocket that records every text frame (parsed as JSON) and how it closed. */
export interface WsClient {
  ws: WebSocket;
  frames: Record<string, unknown>[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** The first recorded frame (from `from` on) that matches, waiting up to `timeoutMs`. */
  next(
    match?: (frame: Record<string, unknown>) => boolean,
    timeoutMs?: number,
    from?: number,
  ): Promise<Record<string, unknown>>;
  send(frame: unknown): void;
  close(): void;
}

export interface WsOptions {
  cookie?: string;
  origin?: string;
}

/** `http://host:port` → `ws://host:port` + path. */
export function wsUrl(httpUrl: string, path: string): string {
  return httpUrl.replace(/^http/, 'ws') + path;
}

/** Opens a socket and waits for the handshake; rejects with the HTTP status of a refused upgrade. */
export function openWs(url: string, options: WsOptions = {}): Promise<WsClient> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  const ws = new WebSocket(url, { headers, ...(options.origin !== undefined && { origin: options.origin }) });
  const frames: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    frames.push(JSON.parse((data as Buffer).toString()) as Record<string, unknown>);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const client: WsClient = {
    ws,
    frames,
    closed,
    next(match = () => true, timeoutMs = 3000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = frames.slice(from).find(match);
          if (!found) return false;
          cleanup();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 500)}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        waiters.add(wake);
        check();
      });
    },
    send(frame) {
      ws.send(JSON.stringify(frame));
    },
    close() {
      ws.close();
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      reject(new WsRefused(res.statusCode ?? 0));
    });
    ws.once('error', (err) => reject(err));
  });
}

export class WsRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

/** The HTTP status with which the hub refuses the upgrade (fails when it accepts). */
export async function refusedStatus(url: string, options: WsOptions = {}): Promise<number> {
  try {
    const client = await openWs(url, options);
    client.close();
  } catch (err) {
    if (err instanceof WsRefused) return err.status;
    throw err;
  }
  throw new Error('the upgrade was accepted');
}
