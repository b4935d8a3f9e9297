import { isIP } from 'node:net';

/** A DNS name: labels of letters, digits and inner hyphens (never a leading `-`, so never an option). */
const HOST_NAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** A host name or an IPv4/IPv6 address (an IPv6 address may come in brackets); undefined otherwise. */
export function probeHost(target: string): string | undefined {
  const host = target.startsWith('[') && target.endsWith(']') ? target.slice(1, -1) : target;
  if (isIP(host) !== 0) return host;
  return HOST_NAME.test(host) ? host : undefined;
}

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port` or `[v6]:port` with a port in 1..65535; a message when it is not one. */
export function parseHostPort(target: string): HostPort | string {
  const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(target);
  const [, rawHost = '', rawPort = ''] = match ?? [];
  if (!match) return 'target must be host:port ([v6]:port for IPv6)';
  const host = probeHost(rawHost);
  if (host === undefined || (rawHost.startsWith('[') && isIP(host) !== 6))
    return 'target host is not a host name or address';
  const port = Number(rawPort);
  if (port < 1 || port > 65_535) return 'target port must be 1..65535';
  return { host, port };
}

/** An http(s) URL; a message when it is not one. */
export function parseHttpUrl(target: string): URL | string {
  const url = URL.parse(target.trim());
  if (!url) return 'target must be an http(s) URL';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `unsupported protocol ${url.protocol}`;
  if (url.username !== '' || url.password !== '')
    return 'credentials in the URL are not supported (use a header)';
  return url;
}

/** The host of a URL as net/tls want it (IPv6 without brackets). */
export function urlHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}
