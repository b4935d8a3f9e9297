import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AlertNotice } from '@hivewatch/protocol';
import { ActiveAlertsService, applyNotice } from './active-alerts.service';
import type { ActiveAlert } from './hub-types';
import { LiveStreamService } from './live-stream.service';
import { ToastService } from './toast.service';

const pending: ActiveAlert = {
  id: 'a1',
  ruleId: 'r1',
  ruleName: 'High CPU',
  serverId: 's1',
  serverName: 'web-1',
  severity: 'critical',
  state: 'pending',
  startedAt: 1_000,
  firedAt: null,
  lastNotifiedAt: null,
  notificationCount: 0,
  value: 95,
  message: 'CPU 95 % > 80 %',
  acknowledgedAt: null,
  acknowledgedBy: null,
  ackComment: null,
  snoozedUntil: null,
};

const notice = (state: AlertNotice['state'], id = 'a1'): AlertNotice => ({
  id,
  ruleId: 'r1',
  ruleName: 'High CPU',
  serverId: 's1',
  serverName: 'web-1',
  state,
  severity: 'critical',
  message: 'CPU 97 % > 80 %',
  value: 97,
  at: '2026-01-01T00:00:05.000Z',
});

describe('applyNotice', () => {
  it('turns a pending alert into a firing one, keeping when it started', () => {
    const [a] = applyNotice([pending], notice('triggered'));
    expect(a).toMatchObject({
      id: 'a1',
      state: 'firing',
      startedAt: 1_000,
      value: 97,
      message: 'CPU 97 % > 80 %',
    });
    expect(a.firedAt).toBe(Date.parse('2026-01-01T00:00:05.000Z'));
  });

  it('an acknowledgement keeps when the alert fired and carries who acknowledged it', () => {
    const [firing] = applyNotice([pending], notice('triggered'));
    const [acked] = applyNotice([firing], {
      ...notice('triggered'),
      at: '2026-01-01T00:10:00.000Z',
      update: 'acknowledged',
      acknowledgedAt: '2026-01-01T00:10:00.000Z',
      acknowledgedBy: 'on-call',
      ackComment: 'on it',
    });
    expect(acked).toMatchObject({
      firedAt: Date.parse('2026-01-01T00:00:05.000Z'),
      acknowledgedAt: Date.parse('2026-01-01T00:10:00.000Z'),
      acknowledgedBy: 'on-call',
      ackComment: 'on it',
      snoozedUntil: null,
    });
  });

  it('adds an alert it did not know and removes a resolved one', () => {
    const both = applyNotice([pending], notice('triggered', 'a2'));
    expect(both.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    expect(applyNotice(both, notice('resolved', 'a1')).map((a) => a.id)).toEqual(['a2']);
  });
});

describe('ActiveAlertsService', () => {
  it('reads the active alerts after each full_sync and follows the alert frames', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const live = TestBed.inject(LiveStreamService);
    const service = TestBed.inject(ActiveAlertsService);
    const toasts = TestBed.inject(ToastService);
    const http = TestBed.inject(HttpTestingController);
    TestBed.tick();
    http.expectNone('/api/v1/alerts/active'); // not before the stream is up

    live.apply({ type: 'full_sync', at: 'x', servers: [] });
    TestBed.tick();
    http.expectOne('/api/v1/alerts/active').flush([pending]);
    await new Promise((r) => setTimeout(r, 0));
    expect(service.loaded()).toBe(true);
    expect(service.firing()).toEqual([]);

    live.apply({ type: 'alert', alert: notice('triggered') });
    expect(service.firing().map((a) => a.id)).toEqual(['a1']); // at once, before the re-read
    expect(toasts.toasts().at(-1)?.text).toContain('High CPU on web-1');
    http.expectOne('/api/v1/alerts/active').flush([{ ...pending, state: 'firing', firedAt: 5_000 }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(service.forServer('s1')[0]?.firedAt).toBe(5_000);

    live.apply({ type: 'alert', alert: notice('resolved') });
    expect(service.alerts()).toEqual([]);
    http.expectOne('/api/v1/alerts/active').flush([]);
  });
});
