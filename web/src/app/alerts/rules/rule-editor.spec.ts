import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { LiveStreamService } from '../../core/live-stream.service';
import { serverState } from '../../testing/server-state';
import { RuleEditor } from './rule-editor';

/** Lets ngModel write its values and pending requests settle, then renders. */
async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

function type(el: HTMLElement, selector: string, value: string): void {
  const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

describe('RuleEditor', () => {
  async function setup(id?: string) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(RuleEditor);
    if (id) fixture.componentRef.setInput('id', id);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    http
      .expectOne('/api/v1/notification-groups')
      .flush([{ id: 'ng-1', name: 'On call', channelIds: [], silence: null, createdAt: '', updatedAt: '' }]);
    await settle(fixture);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    return { fixture, http, navigate, el: fixture.nativeElement as HTMLElement };
  }

  function save(el: HTMLElement): void {
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  }

  it('shows what is missing and sends nothing', async () => {
    const { fixture, http, el } = await setup();
    type(el, '[data-field=threshold]', '');
    save(el);
    await settle(fixture);
    const messages = [...el.querySelectorAll('[role=alert]')].map((m) => m.textContent?.trim());
    expect(messages).toContain('Give the rule a name.');
    expect(messages).toContain('Give a threshold.');
    http.expectNone('/api/v1/alert-rules');

    // messages follow the edits from then on
    type(el, 'input[name=name]', 'Hot CPU');
    type(el, '[data-field=threshold]', '85');
    await settle(fixture);
    expect(el.querySelector('[role=alert]')).toBeNull();
  });

  it('posts the rule the form describes, then goes back to the list', async () => {
    const { fixture, http, el, navigate } = await setup();
    type(el, 'input[name=name]', 'Hot CPU');
    type(el, '[data-field=threshold]', '85');
    type(el, '[data-field=duration]', '30');
    type(el, 'select[aria-label="Duration unit"]', 's');
    type(el, 'select[name=notificationGroupId]', 'ng-1');
    el.querySelector<HTMLButtonElement>('button:not([type=submit])')!.click(); // "Add condition"
    await settle(fixture);
    type(el, 'fieldset[aria-label="Condition 2"] [data-field=kind]', 'offline');
    await settle(fixture);
    type(el, 'fieldset[aria-label="Condition 2"] [data-field=offlineSeconds]', '300');
    save(el);
    await settle(fixture);
    const req = http.expectOne('/api/v1/alert-rules');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      name: 'Hot CPU',
      enabled: true,
      severity: 'warning',
      conditions: [
        { kind: 'metric', metric: 'cpu', operator: '>', threshold: 85, unit: '%', durationSeconds: 30 },
        { kind: 'offline', seconds: 300 },
      ],
      scope: { mode: 'all', serverIds: [], groupIds: [], tags: [] },
      trigger: 'once',
      repeatMinutes: null,
      notificationGroupId: 'ng-1',
      silence: null,
    });
    req.flush({ id: 'r1', ...req.request.body });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/alerts/rules']);
  });

  it('limits the rule to the servers, groups and tags picked', async () => {
    const { fixture, http, el } = await setup();
    TestBed.inject(LiveStreamService).servers.set(
      new Map(
        [serverState({ id: 's1', name: 'web-01' }), serverState({ id: 's2', name: 'db-01' })].map((s) => [
          s.id,
          s,
        ]),
      ),
    );
    expect(el.querySelector('hw-targets-field')).toBeNull();
    type(el, 'input[name=name]', 'Hot CPU');
    type(el, 'select[name=scopeMode]', 'include');
    await settle(fixture);
    http.expectOne('/api/v1/groups').flush([]);
    save(el);
    await settle(fixture);
    const messages = [...el.querySelectorAll('[role=alert]')].map((m) => m.textContent?.trim());
    expect(messages).toContain('Pick the servers, groups or tags the rule covers.');
    http.expectNone('/api/v1/alert-rules');

    el.querySelector<HTMLInputElement>('input[data-server="web-01"]')!.click();
    type(el, 'input[name=tags]', 'prod');
    await settle(fixture);
    expect(el.querySelector('[role=alert]')).toBeNull();
    save(el);
    await settle(fixture);
    const req = http.expectOne('/api/v1/alert-rules');
    expect(req.request.body).toMatchObject({
      scope: { mode: 'include', serverIds: ['s1'], groupIds: [], tags: ['prod'] },
    });
  });

  it('shows the hub refusal and stays on the form', async () => {
    const { fixture, http, el, navigate } = await setup();
    type(el, 'input[name=name]', 'Hot CPU');
    save(el);
    await settle(fixture);
    http
      .expectOne('/api/v1/alert-rules')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'notification group x not found' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(el.querySelector('[data-testid=form-error]')?.textContent).toContain(
      'notification group x not found',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('loads a stored rule into the form and saves the whole rule back', async () => {
    const { fixture, http, el, navigate } = await setup('r1');
    expect(el.querySelector('[role=status]')?.textContent).toContain('Loading');
    http.expectOne('/api/v1/alert-rules/r1').flush({
      id: 'r1',
      name: 'Full disk',
      enabled: false,
      severity: 'critical',
      conditions: [
        {
          kind: 'metric',
          metric: 'disk',
          mountpoint: '/data',
          operator: '>=',
          threshold: 90,
          unit: '%',
          durationSeconds: 600,
        },
      ],
      scope: { mode: 'exclude', serverIds: [], groupIds: [], tags: ['lab'] },
      trigger: 'repeat',
      repeatMinutes: 60,
      notificationGroupId: 'ng-1',
      silence: { start: '23:00', end: '07:00' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await settle(fixture);
    http.expectOne('/api/v1/groups').flush([]); // the scope's fields, shown for "all but these"
    await settle(fixture);
    expect(el.querySelector<HTMLInputElement>('input[name=name]')!.value).toBe('Full disk');
    expect(el.querySelector<HTMLInputElement>('input[name=tags]')!.value).toBe('lab');
    expect(el.querySelector<HTMLInputElement>('[data-field=duration]')!.value).toBe('10');
    type(el, '[data-field=threshold]', '95');
    save(el);
    await settle(fixture);
    const req = http.expectOne('/api/v1/alert-rules/r1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toMatchObject({
      name: 'Full disk',
      enabled: false,
      conditions: [
        {
          kind: 'metric',
          metric: 'disk',
          mountpoint: '/data',
          operator: '>=',
          threshold: 95,
          durationSeconds: 600,
        },
      ],
      scope: { mode: 'exclude', tags: ['lab'] },
      trigger: 'repeat',
      repeatMinutes: 60,
      silence: { start: '23:00', end: '07:00' },
    });
    req.flush(req.request.body);
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/alerts/rules']);
  });
});
