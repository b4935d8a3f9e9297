import http from 'node:http';

/** A Server-Sent Events response read as it arrives: `data:` messages parsed as JSON, in order. */
export interface SseStream {
  status: number;
  contentType: string;
  events: { at: number; event: Record<string, unknown> }[];
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
  /** Resolves with the first event matching, or rejects after `timeoutMs`. */
  next(match: (e: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      let done: () => void = () => undefined;
      const stream: SseStream = {
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        events: [],
        comments: [],
        ended: new Promise<void>((r) => (done = r)),
        close: () => req.destroy(),
        next: async (match, timeoutMs = 10_000) => {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const found = stream.events.find((e) => match(e.event));
            if (found) return found.event;
            if (Date.now() > deadline)
              throw new Error(`no matching event; got ${JSON.stringify(stream.events).slice(0, 800)}`);
            await new Promise((r) => setTimeout(r, 20));
          }
        },
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of message.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else if (line.startsWith('data: '))
              stream.events.push({
                at: Date.now(),
                event: JSON.parse(line.slice(6)) as Record<string, unknown>,
              });
          }
        }
      });
      res.on('end', done);
      res.on('close', done);
      resolve(stream);
    });
    req.on('error', reject);
  });
}
