import type { DockerPort } from '@hivewatch/protocol';
import * as cf from './container-format';

const port = (p: Partial<DockerPort>): DockerPort => ({
  privatePort: 80,
  publicPort: null,
  protocol: 'tcp',
  ip: null,
  ...p,
});

describe('container format', () => {
  it('colours states: running green, failed exits and dead red, paused amber', () => {
    expect(cf.stateTone('running')).toBe('ok');
    expect(cf.stateTone('paused')).toBe('warn');
    expect(cf.stateTone('restarting')).toBe('warn');
    expect(cf.stateTone('exited', 0)).toBe('idle');
    expect(cf.stateTone('exited', 137)).toBe('bad');
    expect(cf.stateTone('dead')).toBe('bad');
    expect(cf.stateText('exited', 137)).toBe('exited (137)');
    expect(cf.stateText('running', null)).toBe('running');
  });

  it('reads health and leaves "none" blank', () => {
    expect(cf.healthText('none')).toBe('—');
    expect(cf.healthTone('unhealthy')).toBe('bad');
    expect(cf.healthTone('healthy')).toBe('ok');
    expect(cf.healthTone('starting')).toBe('warn');
  });

  it('formats CPU above 100 % (several CPUs) and missing figures', () => {
    expect(cf.cpu(12.345)).toBe('12.3 %');
    expect(cf.cpu(250.4)).toBe('250 %');
    expect(cf.cpu(null)).toBe('—');
    expect(cf.cpu(Number.NaN)).toBe('—');
  });

  it('formats memory with its limit and rates per second', () => {
    expect(cf.memory(52_428_800, 1_073_741_824)).toBe('52.4 MB / 1.07 GB');
    expect(cf.memory(2_000, null)).toBe('2 KB');
    expect(cf.memory(null, 100)).toBe('—');
    expect(cf.memoryPercent(50, 200)).toBe(25);
    expect(cf.memoryPercent(500, 200)).toBe(100);
    expect(cf.memoryPercent(5, 0)).toBeNull();
    expect(cf.rate(1500)).toBe('1.5 KB/s');
    expect(cf.pair(1500, null)).toBe('1.5 KB/s / —');
    expect(cf.pair(null, undefined)).toBe('—');
  });

  it('lists published ports first, once each, and counts the rest', () => {
    const list = [
      port({ privatePort: 9000 }),
      port({ publicPort: 8080, ip: '0.0.0.0' }),
      port({ publicPort: 8080, ip: '::' }),
      port({ privatePort: 53, protocol: 'udp', publicPort: 5353, ip: '127.0.0.1' }),
      port({ privatePort: 9100 }),
    ];
    expect(cf.ports(list, 3)).toEqual({
      shown: ['8080→80/tcp', '127.0.0.1:5353→53/udp', '9000/tcp'],
      more: 1,
    });
  });

  it('shows uptime only while running or paused', () => {
    const now = Date.UTC(2026, 0, 2);
    expect(cf.uptime('running', now - 90_061_000, now)).toBe('1d 1h');
    expect(cf.uptime('paused', now - 125_000, now)).toBe('2m 5s');
    expect(cf.uptime('running', now - 4_000, now)).toBe('4s');
    expect(cf.uptime('exited', now - 4_000, now)).toBe('—');
    expect(cf.uptime('running', null, now)).toBe('—');
  });

  it('shortens ids as docker ps does', () => {
    expect(cf.shortId('a'.repeat(64))).toBe('a'.repeat(12));
  });
});
