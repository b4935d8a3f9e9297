import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PREVIEW_DEBOUNCE_MS } from './cron-preview';
import { TaskEditor } from './task-editor';

const GROUP = '0b7e6a52-8c1d-4f3e-a2b9-5d6c7e8f9a01';

async function settle(fixture: { detectChanges(): void }, ms = 0): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

function type(el: HTMLElement, selector: string, value: string): void {
  const input = el.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function pickGroup(el: HTMLElement): void {
  const select = el.querySelector<HTMLSelectElement>('select[name=groupIds]')!;
  select.options[0].selected = true;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('TaskEditor', () => {
  async function setup() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(TaskEditor);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/groups').flush([{ id: GROUP, name: 'Web', serverIds: [] }]);
    await settle(fixture);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    return { fixture, http, navigate, el: fixture.nativeElement as HTMLElement };
  }

  it('asks the hub for the next runs once typing pauses, and shows its error inline', async () => {
    const { fixture, http, el } = await setup();
    type(el, 'input[name=timeZone]', 'Asia/Tokyo');
    type(el, 'input[name=cron]', '0 3 * *');
    type(el, 'input[name=cron]', '0 3 * * *');
    await settle(fixture, PREVIEW_DEBOUNCE_MS + 100);
    // the default expression may have been asked about before typing began (a slow machine);
    // the half-typed one never was, and the last question is the one on screen
    const sent = http.match('/api/v1/tasks/preview');
    const bodies = sent.map((r): unknown => r.request.body);
    expect(bodies.at(-1)).toEqual({ cron: '0 3 * * *', timeZone: 'Asia/Tokyo', count: 5 });
    expect(bodies).not.toContainEqual(expect.objectContaining({ cron: '0 3 * *' }));
    const next = ['2026-12-04T18:00:00.000Z', '2026-12-05T18:00:00.000Z'];
    sent.at(-1)!.flush({ next });
    await settle(fixture);
    const times = [...el.querySelectorAll('[data-testid=next-runs] time')].map((t) =>
      t.getAttribute('datetime'),
    );
    expect(times).toEqual(next);
    expect(el.querySelector('[data-testid=cron-hint]')?.textContent).toContain('every day at 03:00');

    // the next runs of an expression no longer in the field are never shown: "checking" until asked
    type(el, 'input[name=cron]', '0 25 * * *');
    await settle(fixture);
    expect(el.querySelector('[data-testid=next-runs]')).toBeNull();
    expect(el.querySelector('.next-runs [role=status]')?.textContent).toContain('Checking');
    await settle(fixture, PREVIEW_DEBOUNCE_MS + 100);
    http
      .expectOne('/api/v1/tasks/preview')
      .flush(
        { statusCode: 400, message: 'cron: hour out of range (25)' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(el.querySelector('[data-testid=cron-error]')?.textContent).toContain('hour out of range (25)');

    // … nor the error of one: a preset written over it shows "checking" until the hub answers
    el.querySelector<HTMLButtonElement>('[data-testid=apply-preset]')!.click();
    await settle(fixture);
    expect(el.querySelector<HTMLInputElement>('input[name=cron]')!.value).toBe('0 3 * * *');
    expect(el.querySelector('[data-testid=cron-error]')).toBeNull();
    await settle(fixture, PREVIEW_DEBOUNCE_MS + 100);
    http.expectOne('/api/v1/tasks/preview').flush({ next });
    await settle(fixture);
    expect(el.querySelectorAll('[data-testid=next-runs] time')).toHaveLength(2);
  });

  it('writes a preset into the expression', async () => {
    const { fixture, el } = await setup();
    type(el, 'select[name=presetKind]', 'weekly');
    await settle(fixture);
    type(el, 'select[name=presetWeekday]', '5: 5');
    type(el, 'input[name=presetTime]', '22:15');
    el.querySelector<HTMLButtonElement>('[data-testid=apply-preset]')!.click();
    await settle(fixture);
    expect(el.querySelector<HTMLInputElement>('input[name=cron]')!.value).toBe('15 22 * * 5');
    expect(el.querySelector('[data-testid=cron-hint]')?.textContent).toContain('every Friday at 22:15');
  });

  it('sends nothing while fields are missing, then posts the task the form describes', async () => {
    const { fixture, http, el, navigate } = await setup();
    const save = () => el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    save();
    await settle(fixture);
    const messages = [...el.querySelectorAll('[role=alert]')].map((m) => m.textContent?.trim());
    expect(messages).toContain('Give the task a name.');
    expect(messages).toContain('Pick the servers, groups or tags the task runs on.');
    http.expectNone((r) => r.url === '/api/v1/tasks' && r.method === 'POST');

    type(el, 'input[name=name]', 'rotate logs');
    type(el, 'textarea[name=command]', 'logrotate -f /etc/logrotate.conf');
    pickGroup(el);
    type(el, 'input[name=tags]', 'prod');
    type(el, 'input[name=cron]', '*/10 * * * *');
    type(el, 'input[name=timeZone]', 'Europe/Berlin');
    type(el, 'select[name=overlapPolicy]', 'allow');
    type(el, 'select[name=missedPolicy]', 'run-once');
    type(el, 'input[name=timeoutSeconds]', '120');
    type(el, 'input[name=maxParallel]', '4');
    el.querySelector<HTMLInputElement>('input[name=stopOnFirstFailure]')!.click();
    el.querySelector<HTMLInputElement>('input[name=enabled]')!.click();
    await settle(fixture);
    save();
    await settle(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/tasks' && r.method === 'POST');
    expect(req.request.body).toEqual({
      name: 'rotate logs',
      command: 'logrotate -f /etc/logrotate.conf',
      targets: { groupIds: [GROUP], tags: ['prod'] },
      cron: '*/10 * * * *',
      timeZone: 'Europe/Berlin',
      overlapPolicy: 'allow',
      missedPolicy: 'run-once',
      enabled: false,
      timeoutMs: 120_000,
      maxParallel: 4,
      stopOnFirstFailure: true,
    });
    req.flush({ id: 't1' });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/tasks']);
    http.match('/api/v1/tasks/preview');
  });
});
