import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AdminApiKeys } from './admin-api-keys';

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

describe('AdminApiKeys: the ops scope', () => {
  it('offers ops with what it allows, creates it, and shows the scope in the list', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(AdminApiKeys);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    const now = new Date().toISOString();
    http.expectOne('/api/v1/api-keys?all=false').flush([
      {
        id: 'k1',
        name: 'deploy',
        scope: 'ops',
        prefix: 'hwk_ab12',
        createdAt: now,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('table')?.textContent).toContain('ops');
    expect(el.querySelector('table .badge')?.getAttribute('title')).toContain('restart services');

    const select = el.querySelector<HTMLSelectElement>('select[name=scope]')!;
    expect([...select.options].map((o) => o.value)).toEqual(['read', 'admin', 'ops']);
    select.value = 'ops';
    select.dispatchEvent(new Event('change'));
    const name = el.querySelector<HTMLInputElement>('input[name=name]')!;
    name.value = 'runner';
    name.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(el.querySelector('[data-testid=scope-help]')?.textContent).toBe(
      'ops: can also restart services, open terminals, run commands — needs step-up to create.',
    );
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const create = http.expectOne('/api/v1/api-keys');
    expect(create.request.body).toEqual({ name: 'runner', scope: 'ops' });
    create.flush({
      id: 'k2',
      name: 'runner',
      scope: 'ops',
      prefix: 'hwk_cd34',
      key: 'hwk_secret',
      createdAt: now,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    await settle(fixture);
    expect(el.querySelector('[data-testid=secret-panel]')?.textContent).toContain('API key (scope ops)');
  });
});
