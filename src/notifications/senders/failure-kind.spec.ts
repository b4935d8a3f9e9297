import { describe, expect, it } from '@jest/globals';
import { httpFailureKind, requestFailureKind, smtpFailureKind } from './failure-kind.js';

describe('failure kinds: which failed sends go through the retry schedule', () => {
  it.each([500, 502, 503, 504, 599, 408, 425, 429])('HTTP %i is transient', (status) => {
    expect(httpFailureKind(status)).toBe('transient');
  });

  it.each([400, 401, 403, 404, 405, 410, 413, 422, 451, 301, 302, 307])('HTTP %i is permanent', (status) => {
    expect(httpFailureKind(status)).toBe('permanent');
  });

  it('SMTP: 5xx replies are permanent, 4xx and no reply (network) transient', () => {
    expect(smtpFailureKind(550)).toBe('permanent');
    expect(smtpFailureKind(535)).toBe('permanent');
    expect(smtpFailureKind(554)).toBe('permanent');
    expect(smtpFailureKind(421)).toBe('transient');
    expect(smtpFailureKind(451)).toBe('transient');
    expect(smtpFailureKind(null)).toBe('transient');
  });

  it('a request refused, timed out or unresolved is transient; one fetch cannot build is permanent', async () => {
    const failureOf = (url: string, init: RequestInit = {}) =>
      fetch(url, { ...init, signal: AbortSignal.timeout(2000) }).then(
        () => {
          throw new Error(`${url} answered`);
        },
        (err: unknown) => requestFailureKind(err),
      );
    // port 1 on loopback: connection refused
    expect(await failureOf('http://127.0.0.1:1/')).toBe('transient');
    expect(requestFailureKind(new DOMException('The operation was aborted', 'TimeoutError'))).toBe(
      'transient',
    );
    expect(await failureOf('not a url')).toBe('permanent');
    expect(await failureOf('ftp://127.0.0.1/')).toBe('permanent');
    expect(await failureOf('http://127.0.0.1:1/', { headers: { 'x-token': 'a\nb' } })).toBe('permanent');
  });
});
