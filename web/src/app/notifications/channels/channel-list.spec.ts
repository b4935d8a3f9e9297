import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Channel } from '../../core/hub-types';
import { ChannelList } from './channel-list';

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

const hook: Channel = {
  id: 'c1',
  name: 'ops-hook',
  type: 'webhook',
  enabled: true,
  settings: {
    url: 'https://hooks.example/x',
    method: 'POST',
    contentType: 'application/json',
    bodyTemplate: null,
  },
  secretsSet: ['headers.Authorization'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('ChannelList', () => {
  async function setup() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(ChannelList);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/notification-channels').flush([hook]);
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('shows where a channel sends and which secrets are set, never their values', async () => {
    const { el } = await setup();
    const row = el.querySelector('[data-channel=ops-hook]')!;
    expect(row.textContent).toContain('POST https://hooks.example/x');
    expect(row.textContent).toContain('headers.Authorization: set');
  });

  it('sends a test and shows its outcome', async () => {
    const { fixture, http, el } = await setup();
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Send test'))!;
    button.click();
    await settle(fixture);
    expect(button.textContent).toContain('Sending');
    const req = http.expectOne('/api/v1/notification-channels/c1/test');
    expect(req.request.method).toBe('POST');
    req.flush({ outcome: 'failure', responseCode: 502, error: 'HTTP 502', deliveryId: 7 });
    await settle(fixture);
    const outcome = el.querySelector('[data-testid=test-outcome]')!;
    expect(outcome.textContent).toContain('test failed (502): HTTP 502');
    expect(outcome.classList).toContain('error');
  });
});
