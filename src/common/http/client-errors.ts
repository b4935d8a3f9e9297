import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused connection is drained before it is closed (so the client reads the answer, not a reset). */
const DRAIN_MS = 2_000;

/**
 * Requests Node's HTTP parser refuses before any route sees them (a header or URL above the 16 KiB
 * limit, a malformed request line) get the API's JSON error shape instead of a bare status line or
 * a reset: 431 for oversized headers or URL, 400 for the rest. The rest of what the client sends is
 * read and dropped for a moment, so it is not answered with a TCP reset mid-upload.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const error = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    const message = tooLarge
      ? 'the request line and headers must fit in 16 KiB; send long inputs in the body'
      : 'malformed HTTP request';
    const body = JSON.stringify({ statusCode: status, error, message, requestId: randomUUID() });
    socket.on('data', () => undefined);
    socket.on('error', () => socket.destroy());
    socket.end(
      `HTTP/1.1 ${status} ${error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  });
}
