import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ChannelEditor } from './channel-editor';

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

describe('ChannelEditor', () => {
  async function setup() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(ChannelEditor);
    await settle(fixture);
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  const select = async (fixture: { detectChanges(): void }, el: HTMLElement, name: string, value: string) => {
    const input = el.querySelector<HTMLSelectElement | HTMLInputElement>(`[name=${name}]`)!;
    input.value = value;
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
    await settle(fixture);
  };

  it('offers the chat, push and paging services as channel types', async () => {
    const { el } = await setup();
    const options = [...el.querySelectorAll<HTMLOptionElement>('select[name=type] option')].map((o) =>
      o.textContent?.trim(),
    );
    expect(options).toEqual([
      'Webhook',
      'Telegram',
      'Bark',
      'E-mail (SMTP)',
      'Slack',
      'Microsoft Teams',
      'Discord',
      'ntfy',
      'Gotify',
      'PagerDuty',
      'Opsgenie',
    ]);
  });

  it('a PagerDuty channel shows its fields and is created with the routing key as a secret', async () => {
    const { fixture, http, el } = await setup();
    await select(fixture, el, 'type', 'pagerduty');
    expect(el.querySelector('[data-testid=service-hint]')?.textContent).toContain('Events API v2');
    expect(el.querySelector<HTMLInputElement>('[name=serviceUrl]')!.placeholder).toBe(
      'https://events.pagerduty.com',
    );
    expect(el.querySelector<HTMLInputElement>('[name=serviceSecret]')!.type).toBe('password');
    await select(fixture, el, 'name', 'on-call');
    await select(fixture, el, 'serviceSecret', 'R0UTINGKEY');
    el.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const req = http.expectOne('/api/v1/notification-channels');
    expect(req.request.body).toEqual({
      name: 'on-call',
      enabled: true,
      type: 'pagerduty',
      settings: {},
      secrets: { routingKey: 'R0UTINGKEY' },
    });
  });
});
