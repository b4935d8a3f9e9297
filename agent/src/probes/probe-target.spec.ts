import { parseHostPort, parseHttpUrl, probeHost } from './probe-target.js';

describe('probe targets', () => {
  it('accepts host names and addresses, never something that reads as an option', () => {
    expect(probeHost('example.com')).toBe('example.com');
    expect(probeHost('127.0.0.1')).toBe('127.0.0.1');
    expect(probeHost('::1')).toBe('::1');
    expect(probeHost('[fe80::1]')).toBe('fe80::1');
    for (const bad of [
      '-f',
      '--flood',
      '-c1',
      'a b',
      'x;rm -rf /',
      '',
      'a..b',
      `${'a'.repeat(64)}.com`,
      'host\n-f',
    ])
      expect(probeHost(bad)).toBeUndefined();
  });

  it('reads host:port and [v6]:port', () => {
    expect(parseHostPort('db.local:5432')).toEqual({ host: 'db.local', port: 5432 });
    expect(parseHostPort('[::1]:80')).toEqual({ host: '::1', port: 80 });
    expect(parseHostPort('127.0.0.1:65535')).toEqual({ host: '127.0.0.1', port: 65535 });
    for (const bad of ['db', 'db:0', 'db:65536', '::1:80', '[db]:80', '-x:80', 'db:80:1', 'db:abc'])
      expect(typeof parseHostPort(bad)).toBe('string');
  });

  it('takes http(s) URLs only, without credentials', () => {
    expect(parseHttpUrl('https://example.com/a?b=1')).toBeInstanceOf(URL);
    expect(parseHttpUrl('ftp://example.com/')).toBe('unsupported protocol ftp:');
    expect(typeof parseHttpUrl('https://user:pw@example.com/')).toBe('string');
    expect(typeof parseHttpUrl('not a url')).toBe('string');
  });
});
