import request from 'supertest';
import type { DockerLogEntry } from '@hivewatch/protocol';
import type { Dockerd } from '../../support/dockerd.js';
import { openSse, type SseStream } from '../../support/sse.js';
import type { TestApp } from '../../support/test-app.js';
import { startAgent } from './terminal-harness.js';

/** A real agent (the bundle) with `capabilities` and the test engine as its Docker socket. */
export function startDockerAgent(
  hub: TestApp,
  cookie: string,
  bundle: string,
  dir: string,
  name: string,
  dockerd: Dockerd,
  capabilities: string[],
  docker: Record<string, unknown> = {},
) {
  return startAgent(hub, cookie, bundle, dir, name, {
    capabilities,
    docker: { socket: dockerd.socketPath, ...docker },
  });
}

/** `POST …/containers/{ref}/actions` as the cookie's user. */
export function containerAction(hub: TestApp, cookie: string, serverId: string, ref: string, action: string) {
  return request(hub.url)
    .post(`/api/v1/servers/${serverId}/containers/${ref}/actions`)
    .set('Cookie', cookie)
    .send({ action });
}

/** The SSE log stream of a container, read as it arrives. */
export function openLogs(
  hub: TestApp,
  cookie: string,
  serverId: string,
  ref: string,
  query: string,
): Promise<SseStream> {
  return openSse(`${hub.url}/api/v1/servers/${serverId}/containers/${ref}/logs?${query}`, { Cookie: cookie });
}

/** Every log line received so far, in order. */
export function linesOf(stream: SseStream): DockerLogEntry[] {
  return stream.events.flatMap((e) =>
    e.event['type'] === 'lines' ? (e.event['entries'] as DockerLogEntry[]) : [],
  );
}

/** Waits until the stream has received a line `text`. */
export async function waitForLine(
  stream: SseStream,
  text: string,
  timeoutMs = 15_000,
): Promise<DockerLogEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = linesOf(stream).find((l) => l.line === text);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no line ${JSON.stringify(text)}; got ${JSON.stringify(stream.events).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `docker inspect -f <format>` on the test engine. */
export function engineFact(dockerd: Dockerd, id: string, format: string): Promise<string> {
  return dockerd.run(['inspect', '-f', format, id]);
}
