import type { TLSSocket } from 'node:tls';
import type { ProbeCertificate } from '@hivewatch/protocol';

const TEXT_MAX = 1024;

/** The leaf certificate of a TLS connection as a probe reports it; null when the server sent none. */
export function leafCertificate(socket: TLSSocket): ProbeCertificate | null {
  const cert = socket.getPeerCertificate(false);
  if (!cert || Object.keys(cert).length === 0 || typeof cert.fingerprint256 !== 'string') return null;
  const error = socket.authorizationError as Error | string | null | undefined;
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: Date.parse(cert.valid_from),
    validTo: Date.parse(cert.valid_to),
    fingerprint256: cert.fingerprint256.toUpperCase(),
    authorized: socket.authorized,
    authorizationError: error
      ? String(error instanceof Error ? error.message : error).slice(0, TEXT_MAX)
      : null,
  };
}

function distinguishedName(name: object | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ')
    .slice(0, TEXT_MAX);
}
