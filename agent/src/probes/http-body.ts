import type { IncomingMessage } from 'node:http';
import { PROBE_HTTP_READ_MAX_BYTES } from '@hivewatch/protocol';

/**
 * Looks for `keyword` in the first PROBE_HTTP_READ_MAX_BYTES of the body (UTF-8); the download
 * stops as soon as it is found or the limit is reached.
 */
export function readForKeyword(
  response: IncomingMessage,
  keyword: string,
  live: Set<{ destroy(): void }>,
): Promise<boolean> {
  const needle = Buffer.from(keyword, 'utf8');
  return new Promise((resolve, reject) => {
    let kept = Buffer.alloc(0);
    let read = 0;
    const done = (found: boolean): void => {
      response.removeAllListeners('data');
      response.destroy();
      live.delete(response);
      resolve(found);
    };
    response.on('data', (chunk: Buffer) => {
      const room = PROBE_HTTP_READ_MAX_BYTES - read;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      read += part.length;
      // Keep only the tail that could start a match across chunks.
      const window = Buffer.concat([kept, part]);
      if (window.includes(needle)) return done(true);
      kept = window.subarray(Math.max(0, window.length - needle.length + 1));
      if (read >= PROBE_HTTP_READ_MAX_BYTES) done(false);
    });
    response.once('end', () => done(false));
    response.once('error', (error) => reject(error));
    response.once('close', () => {
      if (!response.complete) reject(new Error('the connection closed before the body was read'));
    });
  });
}
