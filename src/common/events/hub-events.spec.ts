import { Logger } from '@nestjs/common';
import { describe, expect, it, jest } from '@jest/globals';
import { HubEvents } from './hub-events.js';

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
});
