import net from 'node:net';

/** What came back for one raw HTTP request: a status line, or how the connection failed. */
export interface RawResponse {
  status: number | null;
  head: string;
  body: string;
  /** 'reset', 'timeout' or 'closed' when no status line arrived; null otherwise. */
  failure: 'reset' | 'timeout' | 'closed' | null;
  ms: number;
}

/**
 * Sends bytes exactly as given (no URL normalisation, unlike fetch) and reads until the server
 * closes or `timeoutMs`. For upgrades that succeed (101) the socket is closed as soon as the head arrives.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 5000): Promise<RawResponse> {
  const start = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    let reset = false;
    const socket = net.connect({ port, host: '127.0.0.1' });
    const finish = (failure: RawResponse['failure']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      const status = match ? Number(match[1]) : null;
      resolve({
        status,
        head,
        body: split < 0 ? '' : Buffer.from(text.slice(split + 4), 'latin1').toString('utf8'),
        failure: status === null ? (failure ?? (reset ? 'reset' : 'closed')) : null,
        ms: performance.now() - start,
      });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (
        /^HTTP\/1\.1 101 /.test(Buffer.concat(chunks).toString('latin1')) &&
        Buffer.concat(chunks).includes('\r\n\r\n')
      )
        finish(null);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') reset = true;
      finish(null);
    });
    socket.on('end', () => finish(null));
    socket.on('close', () => finish(null));
    socket.write(request);
  });
}

/** A GET request as raw text; `target` is written verbatim. */
export function rawGet(target: string, headers: Record<string, string> = {}): string {
  const lines = [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

export const UPGRADE_HEADERS = {
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
};

/** A raw upgrade request: the Connection header says Upgrade instead of close. */
export function rawUpgrade(target: string, headers: Record<string, string> = UPGRADE_HEADERS): string {
  const lines = [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** Is the body the hub's JSON error shape `{statusCode, error, message}` for `status`? */
export function isJsonError(res: RawResponse): boolean {
  try {
    const body = JSON.parse(res.body) as { statusCode?: unknown; message?: unknown };
    return body.statusCode === res.status && body.message !== undefined;
  } catch {
    return false;
  }
}
