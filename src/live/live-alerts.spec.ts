import { describe, expect, it, jest } from '@jest/globals';
import type { AlertNotice } from '@hivewatch/protocol';
import { HubEvents } from '../common/events/hub-events.js';
import type { ApiStreamsService } from './api-streams.service.js';
import type { BrowserHub } from './browser-hub.service.js';
import { LiveAlerts } from './live-alerts.js';

const notice: AlertNotice = {
  id: 'a1',
  ruleId: 'r1',
  ruleName: 'High CPU',
  serverId: 's1',
  serverName: 'web-1',
  state: 'triggered',
  severity: 'critical',
  message: 'CPU 97 % > 80 %',
  value: 97,
  at: '2030-01-01T00:00:00.000Z',
};

describe('LiveAlerts', () => {
  it('sends firings to consoles and API streams, acknowledgements to consoles only', () => {
    const events = new HubEvents();
    const publishAlert = jest.fn();
    const publishApi = jest.fn();
    const live = new LiveAlerts(
      events,
      { publishAlert } as unknown as BrowserHub,
      { publishAlert: publishApi } as unknown as ApiStreamsService,
    );
    live.onModuleInit();
    events.emit('alert.changed', notice);
    const acked = { ...notice, update: 'acknowledged' as const, acknowledgedBy: 'on-call' };
    events.emit('alert.changed', acked);
    expect(publishAlert.mock.calls).toEqual([[notice], [acked]]);
    expect(publishApi).toHaveBeenCalledTimes(1);
    expect(publishApi).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'alert',
        data: expect.objectContaining({ alert_id: 'a1', state: 'triggered' }),
      }),
    );
    live.onModuleDestroy();
  });
});
