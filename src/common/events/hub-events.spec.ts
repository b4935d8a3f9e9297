import { describe, expect, it } from '@jest/globals';
import { HubEvents } from './hub-events.js';

describe('HubEvents', () => {
  it('delivers typed payloads and keeps going when one listener throws', () => {
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
  });
});
