import { HttpErrorResponse } from '@angular/common/http';
import { Component, Injector, input, runInInjectionContext, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TestBed } from '@angular/core/testing';
import { type Observable, Subject, of, throwError } from 'rxjs';
import { type KeysetPage, type ListSource, PagedList, resourceList } from './list-source';
import { ListView } from './list-view';

const refused = new HttpErrorResponse({
  status: 403,
  error: { statusCode: 403, error: 'Forbidden', message: 'admins only' },
});

/** Lets the resource's effect start its request and its answer arrive. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    TestBed.tick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('resourceList', () => {
  function listOf(source: () => Observable<string[]>) {
    const injector = TestBed.inject(Injector);
    return runInInjectionContext(injector, () => resourceList(rxResource({ stream: source })));
  }

  it('says loading, then empty or ready with the rows', async () => {
    const answer = new Subject<string[]>();
    const list = listOf(() => answer);
    await settle();
    expect(list.status()).toBe('loading');
    expect(list.items()).toEqual([]);
    answer.next(['a', 'b']);
    answer.complete();
    await settle();
    expect(list.status()).toBe('ready');
    expect(list.items()).toEqual(['a', 'b']);
    expect(list.hasMore()).toBe(false);
  });

  it('says empty for no rows and keeps the hub message on failure (rows read safely)', async () => {
    const empty = listOf(() => of([]));
    const failing = listOf(() => throwError(() => refused));
    await settle();
    expect(empty.status()).toBe('empty');
    expect(failing.status()).toBe('error');
    expect(failing.errorText()).toBe('admins only');
    expect(failing.items()).toEqual([]); // a resource in error throws from value(); the list does not
  });

  it('picks rows out of a wrapped answer', async () => {
    const injector = TestBed.inject(Injector);
    const list = runInInjectionContext(injector, () =>
      resourceList(rxResource({ stream: () => of({ items: [1, 2, 3] }) }), (v) => v.items),
    );
    await settle();
    expect(list.items()).toEqual([1, 2, 3]);
  });
});

describe('PagedList', () => {
  it('reads the first page, then the next ones with the cursor', async () => {
    const cursors: (number | null)[] = [];
    const pages: Record<string, KeysetPage<string, number>> = {
      null: { items: ['c', 'b'], nextCursor: 2 },
      '2': { items: ['a'], nextCursor: null },
    };
    const list = new PagedList<string, number>((cursor) => {
      cursors.push(cursor);
      return of(pages[String(cursor)]);
    });
    expect(list.status()).toBe('loading');
    await list.load(true);
    expect(list.items()).toEqual(['c', 'b']);
    expect(list.hasMore()).toBe(true);
    await list.load(false);
    expect(list.items()).toEqual(['c', 'b', 'a']);
    expect(list.hasMore()).toBe(false);
    expect(cursors).toEqual([null, 2]);
    await list.load(true);
    expect(list.items()).toEqual(['c', 'b']); // a fresh load starts over
  });

  it('drops the answer of an older request (a filter changed meanwhile)', async () => {
    const slow = new Subject<KeysetPage<string, number>>();
    let calls = 0;
    const list = new PagedList<string, number>(() =>
      ++calls === 1 ? slow : of({ items: ['new'], nextCursor: null }),
    );
    const first = list.load(true);
    await list.load(true);
    slow.next({ items: ['old'], nextCursor: 5 });
    slow.complete();
    await first;
    expect(list.items()).toEqual(['new']);
    expect(list.hasMore()).toBe(false);
  });

  it('is an error without rows, and keeps the rows it has when a later page fails', async () => {
    let fail = true;
    const list = new PagedList<string, number>(() =>
      fail ? throwError(() => refused) : of({ items: ['x'], nextCursor: 1 }),
    );
    await list.load(true);
    expect(list.status()).toBe('error');
    expect(list.errorText()).toBe('admins only');
    fail = false;
    await list.load(true);
    expect(list.status()).toBe('ready');
    fail = true;
    await list.load(false);
    expect(list.status()).toBe('ready');
    expect(list.items()).toEqual(['x']);
    expect(list.errorText()).toBe('admins only');
  });
});

@Component({
  imports: [ListView],
  template: `<hw-list-view [source]="source()" emptyText="Nothing at all.">
    <ul>
      @for (x of source().items(); track x) {
        <li>{{ x }}</li>
      }
    </ul>
  </hw-list-view>`,
})
class Host {
  readonly source = input.required<ListSource<string>>();
}

describe('ListView', () => {
  function fake(status: ReturnType<ListSource<string>['status']>, items: string[] = [], more = false) {
    const loaded = signal(false);
    const source: ListSource<string> & { moreCalls: number } = {
      items: signal(items),
      status: signal(status),
      errorText: signal(status === 'error' ? 'The hub cannot be reached.' : ''),
      hasMore: signal(more),
      loadingMore: loaded,
      moreCalls: 0,
      more() {
        source.moreCalls++;
      },
      reload: () => undefined,
    };
    return source;
  }

  function render(source: ListSource<string>): HTMLElement {
    const fixture = TestBed.createComponent(Host);
    fixture.componentRef.setInput('source', source);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows each state, and the rows only when there are some', () => {
    expect(render(fake('loading')).querySelector('[role=status]')?.textContent).toContain('Loading');
    expect(render(fake('error')).querySelector('[role=alert]')?.textContent).toContain('cannot be reached');
    const empty = render(fake('empty'));
    expect(empty.textContent).toContain('Nothing at all.');
    expect(empty.querySelector('ul')).toBeNull();
    const ready = render(fake('ready', ['one', 'two']));
    expect([...ready.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(ready.querySelector('button')).toBeNull();
  });

  it('offers more for a paged list', () => {
    const source = fake('ready', ['one'], true);
    const el = render(source);
    el.querySelector('button')!.click();
    expect(source.moreCalls).toBe(1);
  });
});
