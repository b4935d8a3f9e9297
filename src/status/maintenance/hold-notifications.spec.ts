import { describe, expect, it } from '@jest/globals';
import type { Transition } from '../../alerts/alert-model.js';
import { holdForMaintenance } from './hold-notifications.js';

const alert = (serverId: string) => ({ serverId }) as Transition['alert'];
const fire = (serverId: string) =>
  ({ type: 'fire', alert: alert(serverId), notify: true, at: 1 }) as Transition;
const renotify = (serverId: string) => ({ type: 'renotify', alert: alert(serverId), at: 1 }) as Transition;
const resolve = (serverId: string) =>
  ({ type: 'resolve', alert: alert(serverId), notify: true, at: 1 }) as Transition;

describe('holdForMaintenance', () => {
  const windows = { isUnderMaintenance: (id: string) => id === 'held' };

  it('stores fires as not notified, drops re-notifications and silences resolutions of held servers only', () => {
    const list = [fire('held'), renotify('held'), resolve('held'), fire('free'), renotify('free')];
    holdForMaintenance(list, windows);
    expect(list.map((t) => [t.type, t.alert.serverId, 'notify' in t ? t.notify : null])).toEqual([
      ['fire', 'held', false],
      ['resolve', 'held', false],
      ['fire', 'free', true],
      ['renotify', 'free', null],
    ]);
  });

  it('changes nothing without the windows (alerts built without the status pages)', () => {
    const list = [fire('held')];
    holdForMaintenance(list, undefined);
    expect(list[0]).toMatchObject({ notify: true });
  });
});
