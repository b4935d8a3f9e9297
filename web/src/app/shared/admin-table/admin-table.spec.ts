import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ListSource, ListStatus } from '../list/list-source';
import { AdminTable, type RowRemoval } from './admin-table';
import { RowTemplate } from './row-templates';

interface Item {
  id: string;
  name: string;
  locked: boolean;
}

function listOf(rows: Item[], status: ListStatus = 'ready', errorText = ''): ListSource<Item> {
  return {
    items: signal(rows),
    status: signal(status),
    errorText: signal(errorText),
    hasMore: signal(false),
    loadingMore: signal(false),
    more: () => undefined,
    reload: () => undefined,
  };
}

@Component({
  imports: [AdminTable, RowTemplate],
  template: `
    <hw-admin-table
      [source]="list()"
      label="Things"
      [columns]="['Name', { header: 'Wide', cls: 'hide-narrow' }]"
      emptyText="No things."
      [rowAttribute]="['data-thing', nameOf]"
      [editing]="editing()"
      [removal]="removal"
      (removed)="removed.set($event.name)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list()" let-t>
        <td>{{ t.name }}</td>
        <td class="hide-narrow">wide</td>
      </ng-template>
      <ng-template hwRow="actions" [hwRowOf]="list()" let-t>
        <button type="button">Edit {{ t.name }}</button>
      </ng-template>
      <ng-template hwRow="editor" [hwRowOf]="list()" let-t>
        <form [attr.aria-label]="'Edit ' + t.name"></form>
      </ng-template>
    </hw-admin-table>
  `,
})
class Host {
  readonly list = signal(
    listOf([
      { id: '1', name: 'alpha', locked: false },
      { id: '2', name: 'beta', locked: true },
    ]),
  );
  readonly editing = signal<string | null>(null);
  readonly removed = signal('');
  readonly nameOf = (t: Item) => t.name;
  readonly removal: RowRemoval<Item> = {
    title: (t) => `Delete ${t.name}?`,
    message: 'It goes.',
    when: (t) => !t.locked,
  };
}

describe('AdminTable', () => {
  function setup() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    return { fixture, el, host: fixture.componentInstance };
  }

  it('draws the headings, each row with its attribute and cells, and its actions before Delete', () => {
    const { el } = setup();
    const table = el.querySelector('table[aria-label=Things]')!;
    const headers = [...table.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Name', 'Wide', 'Actions']);
    expect(table.querySelector('th.hide-narrow')?.textContent).toContain('Wide');
    const alpha = table.querySelector('tr[data-thing=alpha]')!;
    expect([...alpha.querySelectorAll('td.actions button')].map((b) => b.textContent?.trim())).toEqual([
      'Edit alpha',
      'Delete',
    ]);
    // the removal is only offered where `when` allows it
    const beta = table.querySelector('tr[data-thing=beta]')!;
    expect(beta.querySelector('td.actions')?.textContent).not.toContain('Delete');
  });

  it('emits the row only once its removal is confirmed', () => {
    const { fixture, el, host } = setup();
    el.querySelector<HTMLButtonElement>('tr[data-thing=alpha] hw-confirm-button button')!.click();
    fixture.detectChanges();
    expect(el.querySelector('[role=alertdialog]')?.textContent).toContain('Delete alpha?');
    expect(host.removed()).toBe('');
    el.querySelector<HTMLButtonElement>('[role=alertdialog] [data-testid=confirm]')!.click();
    fixture.detectChanges();
    expect(host.removed()).toBe('alpha');
  });

  it('shows the edited row as its editor across the whole row', () => {
    const { fixture, el, host } = setup();
    host.editing.set('2');
    fixture.detectChanges();
    expect(el.querySelector('tr[data-thing=beta]')).toBeNull();
    const cell = el.querySelector('form[aria-label="Edit beta"]')!.closest('td')!;
    expect(cell.getAttribute('colspan')).toBe('3');
  });

  it('shows loading, error and empty states instead of the table', () => {
    const { fixture, el, host } = setup();
    host.list.set(listOf([], 'loading'));
    fixture.detectChanges();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Loading');
    host.list.set(listOf([], 'error', 'Hub unreachable.'));
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Hub unreachable.');
    host.list.set(listOf([], 'empty'));
    fixture.detectChanges();
    expect(el.querySelector('.state.empty')?.textContent).toContain('No things.');
    expect(el.querySelector('table')).toBeNull();
  });
});
