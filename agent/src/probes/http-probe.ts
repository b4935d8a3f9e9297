import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { PingTask, ProbeCertificate, ProbeHttpOptions } from '@hivewatch/protocol';
import { errorMessage } from '../log/logger.js';
import { failed, type ProbeOutcome } from './icmp-probe.js';
import { readForKeyword } from './http-body.js';
import { parseHttpUrl, urlHost } from './probe-target.js';
import { leafCertificate } from './tls-certificate.js';
import { round } from './tcp-probe.js';

const DEFAULT_OPTIONS: ProbeHttpOptions = {
  method: 'GET',
  expectedStatus: [200],
  keyword: null,
  keywordMode: 'present',
  followRedirects: true,
  maxRedirects: 5,
  headers: [],
  body: null,
  ignoreTlsErrors: false,
};

interface Hop {
  response: IncomingMessage;
  certificate: ProbeCertificate | null;
}

/** A failure that still carries what was learned (status, certificate). */
class RunError extends Error {
  constructor(
    message: string,
    readonly certificate: ProbeCertificate | null = null,
  ) {
    super(message);
  }
}

/**
 * One HTTP(S) run: redirects followed up to maxRedirects, the status and keyword checked, the leaf
 * certificate reported. `timeoutMs` covers the whole run; the latency is the time to the response headers.
 */
export async function runHttp(task: PingTask): Promise<ProbeOutcome> {
  const options = task.http ?? DEFAULT_OPTIONS;
  const first = parseHttpUrl(task.target);
  if (typeof first === 'string') return failed('http', first);
  const started = performance.now();
  const live = new Set<{ destroy(): void }>();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  // The deadline settles the run even when a destroyed socket never reports an error.
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      for (const item of live) item.destroy();
      reject(new Error('timeout'));
    }, task.timeoutMs);
  });
  let redirects = 0;
  let certificate: ProbeCertificate | null = null;
  let status: number | null = null;
  const attempt = async (): Promise<ProbeOutcome> => {
    let url = first;
    let method: string = options.method;
    let body = options.body;
    for (;;) {
      const hop = await fetchOnce(
        url,
        method,
        body,
        headersFor(options, url, first),
        options.ignoreTlsErrors,
        live,
      );
      if (url.protocol === 'https:') certificate = hop.certificate;
      status = hop.response.statusCode ?? null;
      const location = hop.response.headers.location;
      if (!options.followRedirects || status === null || status < 300 || status > 399 || !location) {
        const latencyMs = round(performance.now() - started);
        const keywordFound =
          options.keyword === null ? null : await readForKeyword(hop.response, options.keyword, live);
        hop.response.destroy();
        return verdict(options, { status, redirects, keywordFound, certificate }, latencyMs);
      }
      hop.response.destroy();
      if (redirects >= options.maxRedirects)
        throw new RunError(`too many redirects (max ${options.maxRedirects})`, certificate);
      const next = URL.parse(location, url.href);
      if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:'))
        throw new RunError(`redirect to an unsupported location: ${location.slice(0, 200)}`, certificate);
      redirects += 1;
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET';
        body = null;
      }
      url = next;
    }
  };
  try {
    return await Promise.race([attempt(), deadline]);
  } catch (error) {
    const message = timedOut ? `timeout after ${task.timeoutMs} ms` : errorMessage(error);
    const cert = error instanceof RunError ? (error.certificate ?? certificate) : certificate;
    return {
      ...failed('http', message),
      http: { status, redirects, keywordFound: null, certificate: cert },
    };
  } finally {
    clearTimeout(timer);
    for (const item of live) item.destroy();
  }
}

type Facts = NonNullable<ProbeOutcome['http']>;

function verdict(options: ProbeHttpOptions, facts: Facts, latencyMs: number): ProbeOutcome {
  let error: string | null = null;
  if (facts.status === null || !options.expectedStatus.includes(facts.status))
    error = `status ${facts.status ?? 'none'}`;
  else if (facts.keywordFound === false && options.keywordMode === 'present') error = 'keyword missing';
  else if (facts.keywordFound === true && options.keywordMode === 'absent') error = 'keyword present';
  return {
    success: error === null,
    latencyMs: error === null ? latencyMs : null,
    error,
    method: 'http',
    http: facts,
  };
}

/** The task's headers; on a redirect to another origin they are dropped (they may hold credentials). */
function headersFor(options: ProbeHttpOptions, url: URL, first: URL): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'hivewatch-probe' };
  if (url.origin !== first.origin) return headers;
  for (const { name, value } of options.headers) headers[name.toLowerCase()] = value;
  return headers;
}

function fetchOnce(
  url: URL,
  method: string,
  body: string | null,
  headers: Record<string, string>,
  ignoreTlsErrors: boolean,
  live: Set<{ destroy(): void }>,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    let request: ClientRequest;
    const send = (socket: TLSSocket | undefined, certificate: ProbeCertificate | null): void => {
      // No agent: a fresh connection per run (the TLS one made and checked above), never pooled.
      request = socket
        ? httpsRequest(url, { method, headers, createConnection: () => socket })
        : httpRequest(url, { method, headers, agent: false });
      live.add(request);
      request.once('response', (response) => {
        live.add(response);
        resolve({ response, certificate });
      });
      request.once('error', (error) => reject(new RunError(errorMessage(error), certificate)));
      request.end(body ?? undefined);
    };
    if (url.protocol === 'http:') {
      send(undefined, null);
      return;
    }
    const host = urlHost(url);
    const socket = tlsConnect({
      host,
      port: Number(url.port || 443),
      servername: isIP(host) === 0 ? host : undefined,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    live.add(socket);
    socket.once('error', (error) => reject(new RunError(errorMessage(error))));
    socket.once('secureConnect', () => {
      const certificate = leafCertificate(socket);
      // Nothing is sent to a server whose certificate did not verify, unless the task says so.
      if (!socket.authorized && !ignoreTlsErrors) {
        socket.destroy();
        reject(new RunError(`TLS: ${String(socket.authorizationError)}`, certificate));
        return;
      }
      send(socket, certificate);
    });
  });
}
