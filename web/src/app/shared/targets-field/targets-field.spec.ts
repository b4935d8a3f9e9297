import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import type { ServerState } from '@hivewatch/protocol';
import { TestBed } from '@angular/core/testing';
import { LiveStreamService } from '../../core/live-stream.service';
import { serverState } from '../../testing/server-state';
import type { FieldErrors } from '../form/draft-form';
import type { TargetsDraft } from './targets';
import { TargetsField } from './targets-field';

const GROUP = '0b7e6a52-8c1d-4f3e-a2b9-5d6c7e8f9a01';

@Component({
  imports: [TargetsField],
  template: `<hw-targets-field
    [draft]="draft"
    [errors]="errors()"
    errorField="scope"
    showEstimate
    (changed)="changes = changes + 1"
  />`,
})
class Host {
  draft: TargetsDraft = { serverIds: [], groupIds: [], tags: '' };
  readonly errors = signal<FieldErrors>({});
  changes = 0;
}

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

describe('TargetsField', () => {
  async function setup() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(LiveStreamService).servers.set(
      new Map(
        (
          [
            { ...serverState({ id: 's1', name: 'web-01' }), capabilities: ['exec'] },
            serverState({ id: 's2', name: 'web-02', online: false, tags: ['Prod'] }),
            { ...serverState({ id: 's3', name: 'db-01', groupId: GROUP }), capabilities: ['exec'] },
          ] satisfies ServerState[]
        ).map((s) => [s.id, s]),
      ),
    );
    const fixture = TestBed.createComponent(Host);
    await settle(fixture);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/groups')
      .flush([{ id: GROUP, name: 'Databases', serverCount: 1 }]);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const estimate = () =>
      el.querySelector('[data-testid=target-estimate]')!.textContent.replace(/\s+/g, ' ').trim();
    return { fixture, el, host: fixture.componentInstance, estimate };
  }

  it('edits the draft in place and estimates what the selection covers', async () => {
    const { fixture, el, host, estimate } = await setup();
    expect(estimate()).toBe('No server chosen yet.');
    const names = [...el.querySelectorAll('input[data-server]')].map((i) => i.getAttribute('data-server'));
    expect(names).toEqual(['db-01', 'web-01', 'web-02']);

    el.querySelector<HTMLInputElement>('input[data-server="web-01"]')!.click();
    await settle(fixture);
    expect(host.draft.serverIds).toEqual(['s1']);
    expect(host.changes).toBe(1);
    expect(estimate()).toBe('1 server');

    const tags = el.querySelector<HTMLInputElement>('input[name=tags]')!;
    tags.value = 'prod, lab';
    tags.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(fixture);
    expect(host.draft.tags).toBe('prod, lab');
    expect(estimate()).toBe('2 servers · 1 offline (they wait) · 1 without exec (they are denied)');

    const groups = el.querySelector<HTMLSelectElement>('select[name=groupIds]')!;
    expect(groups.options[0].textContent).toContain('Databases (1)');
    groups.options[0].selected = true;
    groups.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(fixture);
    expect(host.draft.groupIds).toEqual([GROUP]);
    expect(estimate()).toMatch(/^3 servers/);
  });

  it('clears the servers chosen, narrows by search and shows the messages of its fields', async () => {
    const { fixture, el, host, estimate } = await setup();
    for (const name of ['web-01', 'db-01'])
      el.querySelector<HTMLInputElement>(`input[data-server="${name}"]`)!.click();
    await settle(fixture);
    expect(host.draft.serverIds).toEqual(['s1', 's3']);
    el.querySelector<HTMLButtonElement>('button.link')!.click();
    await settle(fixture);
    expect(host.draft.serverIds).toEqual([]);
    expect(host.changes).toBe(3);
    expect(estimate()).toBe('No server chosen yet.');

    const search = el.querySelector<HTMLInputElement>('[data-testid=server-search]')!;
    search.value = 'WEB';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(fixture);
    expect(el.querySelectorAll('input[data-server]')).toHaveLength(2);

    host.errors.set({ tags: 'A tag has at most 64 characters.', scope: 'Pick the servers.' });
    await settle(fixture);
    const messages = [...el.querySelectorAll('[role=alert]')].map((m) => m.textContent?.trim());
    expect(messages).toEqual(['A tag has at most 64 characters.', 'Pick the servers.']);
    expect(el.querySelector('input[name=tags]')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('replaces its draft when the form loads another one', async () => {
    const { fixture, el, host, estimate } = await setup();
    host.draft = { serverIds: ['s2'], groupIds: [], tags: '' };
    fixture.changeDetectorRef.markForCheck();
    await settle(fixture);
    expect(el.querySelector<HTMLInputElement>('input[data-server="web-02"]')!.checked).toBe(true);
    expect(estimate()).toBe('1 server · 1 offline (they wait) · 1 without exec (they are denied)');
  });
});
