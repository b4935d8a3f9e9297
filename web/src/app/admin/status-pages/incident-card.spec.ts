import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { IncidentView } from '@hivewatch/protocol';
import { IncidentCard } from './incident-card';

const PAGE = '11111111-1111-4111-8111-111111111111';
const C1 = '22222222-2222-4222-8222-222222222222';

const incident: IncidentView = {
  id: '33333333-3333-4333-8333-333333333333',
  pageId: PAGE,
  title: 'Slow checkout',
  status: 'identified',
  impact: 'major',
  componentIds: [C1],
  createdAt: '2026-12-04T10:00:00.000Z',
  resolvedAt: null,
  updates: [
    {
      id: 'u2',
      status: 'identified',
      message: 'A slow query.',
      at: '2026-12-04T10:10:00.000Z',
      authorId: null,
    },
    {
      id: 'u1',
      status: 'investigating',
      message: 'Looking.',
      at: '2026-12-04T10:00:00.000Z',
      authorId: null,
    },
  ],
};

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

describe('IncidentCard', () => {
  async function setup() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(IncidentCard);
    fixture.componentRef.setInput('pageId', PAGE);
    fixture.componentRef.setInput('incident', incident);
    fixture.componentRef.setInput('options', [{ id: C1, name: 'Website', group: 'Web' }]);
    await settle(fixture);
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  it('shows the timeline newest first and what it affects by public name', async () => {
    const { el } = await setup();
    expect([...el.querySelectorAll('.timeline strong')].map((s) => s.textContent)).toEqual([
      'Identified',
      'Investigating',
    ]);
    expect(el.textContent).toContain('affects Website');
    expect(el.querySelector<HTMLSelectElement>('select[name=status]')!.value).toBe('identified');
  });

  it('asks for a message, then resolves with it', async () => {
    const { fixture, http, el } = await setup();
    const resolve = [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Resolve')!;
    resolve.click();
    await settle(fixture);
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Write what the public should know.');
    http.expectNone(() => true);
    const message = el.querySelector<HTMLTextAreaElement>('textarea[name=message]')!;
    message.value = 'Fixed: the query has an index now.';
    message.dispatchEvent(new Event('input', { bubbles: true }));
    resolve.click();
    await settle(fixture);
    const req = http.expectOne(`/api/v1/status-pages/${PAGE}/incidents/${incident.id}/updates`);
    expect(req.request.body).toEqual({ status: 'resolved', message: 'Fixed: the query has an index now.' });
  });
});
