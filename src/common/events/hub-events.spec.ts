import { Logger } from '@nestjs/common';
import { describe, expect, it, jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { HubEvents, type HubTxEventMap } from './hub-events.js';

describe('HubEvents', () => {
  it('delivers typed payloads and keeps going when one listener throws', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const events = new HubEvents();
    const seen: string[] = [];
    events.on('server.online', () => {
      throw new Error('boom');
    });
    const off = events.on('server.online', (e) => seen.push(e.serverId));
    events.emit('server.online', { serverId: 'a', at: 1 });
    off();
    events.emit('server.online', { serverId: 'b', at: 2 });
    expect(seen).toEqual(['a']);
    expect(logged).toHaveBeenCalledTimes(2);
    expect(logged.mock.calls[0]?.[1]).toBe('event listener failed');
    logged.mockRestore();
  });

  const notify: HubTxEventMap['alert.notify'] = {
    alertId: 'a1',
    groupId: 'g1',
    message: {
      state: 'firing',
      server: 'web-1',
      serverId: 's1',
      rule: 'cpu',
      ruleId: 'r1',
      alertId: 'a1',
      severity: 'warning',
      metric: 'cpu',
      value: '97',
      threshold: '80',
      unit: '%',
      message: 'cpu 97 > 80',
      time: new Date(0).toISOString(),
      link: '/servers/s1',
    },
  };
  const manager = {} as EntityManager;

  it('awaits transactional listeners in order, with the transaction manager', async () => {
    const events = new HubEvents();
    const seen: string[] = [];
    events.onTransaction('alert.notify', async (m, n) => {
      await Promise.resolve();
      seen.push(`first ${n.alertId} ${m === manager}`);
    });
    const off = events.onTransaction('alert.notify', (_m, n) => {
      seen.push(`second ${n.groupId ?? ''}`);
      return Promise.resolve();
    });
    await events.emitInTransaction('alert.notify', manager, notify);
    off();
    await events.emitInTransaction('alert.notify', manager, notify);
    expect(seen).toEqual(['first a1 true', 'second g1', 'first a1 true']);
  });

  it('a failing transactional listener rejects the emit (the transaction rolls back) and stops the rest', async () => {
    const events = new HubEvents();
    const later = jest.fn(() => Promise.resolve());
    events.onTransaction('alert.notify', () => Promise.reject(new Error('insert failed')));
    events.onTransaction('alert.notify', later);
    await expect(events.emitInTransaction('alert.notify', manager, notify)).rejects.toThrow('insert failed');
    expect(later).not.toHaveBeenCalled();
  });
});
