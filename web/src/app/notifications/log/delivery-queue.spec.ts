import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Delivery, DeliveryAttempt } from '../../core/hub-types';
import { DeliveryQueue } from './delivery-queue';

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

const CHANNEL = '5b0b5a4e-0000-4000-8000-000000000001';

function delivery(id: number, status: Delivery['status'], attempts: number): Delivery {
  return {
    id,
    channelId: CHANNEL,
    alertId: null,
    message: {
      state: 'firing',
      server: 'web-1',
      serverId: 's1',
      rule: 'High CPU',
      ruleId: 'r1',
      alertId: 'a1',
      severity: 'critical',
      metric: 'cpu',
      value: '97',
      threshold: '90',
      unit: '%',
      message: 'CPU is high',
      time: '2026-01-01T00:00:00.000Z',
      link: 'http://hub/servers/s1',
    },
    status,
    attempts,
    maxAttempts: 4,
    nextAttemptAt: '2026-01-01T00:05:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
  };
}

function attempt(deliveryId: number, error: string): DeliveryAttempt {
  return {
    id: deliveryId * 10,
    deliveryId,
    channelId: CHANNEL,
    channelName: 'ops-hook',
    attempt: 2,
    at: '2026-01-01T00:01:00.000Z',
    outcome: 'failure',
    responseCode: 502,
    error,
    durationMs: 12,
    summary: 'firing: High CPU on web-1',
  };
}

describe('DeliveryQueue', () => {
  async function setup() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(DeliveryQueue);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('shows queued, failed and delivered rows with attempts, next try and the last error', async () => {
    const { fixture, http, el } = await setup();
    const first = http.expectOne((r) => r.url === '/api/v1/notification-deliveries');
    expect(first.request.params.get('status')).toBeNull();
    first.flush({
      items: [delivery(3, 'queued', 2), delivery(2, 'failed', 4), delivery(1, 'delivered', 1)],
      nextCursor: null,
    });
    await settle(fixture);
    // only deliveries that tried and did not succeed need their last attempt
    const lookups = http.match((r) => r.url === '/api/v1/notification-attempts');
    expect(lookups.map((r) => [r.request.params.get('deliveryId'), r.request.params.get('limit')])).toEqual([
      ['3', '1'],
      ['2', '1'],
    ]);
    lookups[0].flush({ items: [attempt(3, 'HTTP 502')], nextCursor: null });
    lookups[1].flush({ items: [attempt(2, 'connect ECONNREFUSED')], nextCursor: null });
    await settle(fixture);

    const row = (id: number) => el.querySelector<HTMLElement>(`[data-delivery="${id}"]`)!;
    const field = (id: number, f: string) => row(id).querySelector(`[data-field=${f}]`)!.textContent.trim();
    expect(row(3).dataset['status']).toBe('queued');
    expect(row(3).textContent).toContain('firing: High CPU on web-1');
    expect(field(3, 'attempts')).toBe('2 of 4');
    expect(field(3, 'next')).toBe(new Date('2026-01-01T00:05:00.000Z').toLocaleString());
    expect(field(3, 'error')).toBe('HTTP 502');
    expect(field(3, 'channel')).toBe('ops-hook');
    expect(field(2, 'error')).toBe('connect ECONNREFUSED');
    expect(field(2, 'next')).toBe('—');
    expect(field(1, 'error')).toBe('');
    expect(row(1).dataset['status']).toBe('delivered');
    http.verify();
  });

  it('filters by state', async () => {
    const { fixture, http, el } = await setup();
    http.expectOne((r) => r.url === '/api/v1/notification-deliveries').flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(el.textContent).toContain('No notification in the queue matches.');
    const select = el.querySelector<HTMLSelectElement>('[data-testid=queue-status]')!;
    select.value = 'failed';
    select.dispatchEvent(new Event('change'));
    await settle(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/notification-deliveries');
    expect(req.request.params.get('status')).toBe('failed');
    req.flush({ items: [delivery(2, 'failed', 4)], nextCursor: null });
    await settle(fixture);
    http.expectOne((r) => r.url === '/api/v1/notification-attempts').flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(el.querySelectorAll('[data-delivery]')).toHaveLength(1);
  });

  it('says when the hub cannot be read', async () => {
    const { fixture, http, el } = await setup();
    http
      .expectOne((r) => r.url === '/api/v1/notification-deliveries')
      .flush(
        { statusCode: 500, error: 'Internal Server Error', message: 'boom' },
        { status: 500, statusText: 'x' },
      );
    await settle(fixture);
    expect(el.querySelector('[role=alert]')).not.toBeNull();
  });
});
