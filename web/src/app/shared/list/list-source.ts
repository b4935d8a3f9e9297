import { type ResourceRef, type Signal, computed, signal } from '@angular/core';
import { type Observable, firstValueFrom } from 'rxjs';
import { errorMessage } from '../errors';

export type ListStatus = 'loading' | 'error' | 'empty' | 'ready';

/**
 * What a list screen shows, whatever loads it: the rows, one of four states, and (for keyset-paged
 * lists) whether there is more. `hw-list-view` renders the states; screens render only their rows.
 */
export interface ListSource<T> {
  readonly items: Signal<readonly T[]>;
  readonly status: Signal<ListStatus>;
  /** The last failure as a sentence; empty when the last load worked. */
  readonly errorText: Signal<string>;
  readonly hasMore: Signal<boolean>;
  readonly loadingMore: Signal<boolean>;
  more(): void;
  reload(): void;
}

const never = signal(false).asReadonly();

/** A list read by an `rxResource` (a whole list per request); `pick` finds the rows in its value. */
export function resourceList<V, T>(
  resource: ResourceRef<V | undefined>,
  pick: (value: V) => readonly T[],
): ListSource<T>;
export function resourceList<T>(resource: ResourceRef<readonly T[] | undefined>): ListSource<T>;
export function resourceList<V, T>(
  resource: ResourceRef<V | undefined>,
  pick: (value: V) => readonly T[] = (v) => v as readonly T[],
): ListSource<T> {
  // value() throws in the error state: read it only behind hasValue()
  const items = computed(() => {
    const v = resource.hasValue() ? resource.value() : undefined;
    return v === undefined ? [] : pick(v);
  });
  return {
    items,
    status: computed(() => {
      if (resource.error()) return 'error';
      if (!resource.hasValue()) return 'loading';
      return items().length === 0 ? 'empty' : 'ready';
    }),
    errorText: computed(() => (resource.error() ? errorMessage(resource.error()) : '')),
    hasMore: never,
    loadingMore: never,
    more: () => undefined,
    reload: () => void resource.reload(),
  };
}

export interface KeysetPage<T, C> {
  items: T[];
  nextCursor: C | null;
}

/**
 * A newest-first list read page by page with the hub's keyset cursors (`nextCursor`). `reload()`
 * starts again from the first page (after a filter change); an answer to an older request is
 * dropped, so a slow first page never overwrites a newer one.
 */
export class PagedList<T, C> implements ListSource<T> {
  private readonly rows = signal<readonly T[]>([]);
  private readonly next = signal<C | null>(null);
  private readonly loading = signal(false);
  private readonly failure = signal('');
  private readonly loaded = signal(false);
  private generation = 0;

  readonly items = this.rows.asReadonly();
  readonly errorText = this.failure.asReadonly();
  readonly hasMore = computed(() => this.next() !== null);
  readonly loadingMore = computed(() => this.loading() && this.loaded());
  readonly status = computed<ListStatus>(() => {
    if (this.failure() && this.rows().length === 0) return 'error';
    if (!this.loaded()) return 'loading';
    return this.rows().length === 0 ? 'empty' : 'ready';
  });

  constructor(private readonly fetch: (cursor: C | null) => Observable<KeysetPage<T, C>>) {}

  reload(): void {
    void this.load(true);
  }

  more(): void {
    if (this.next() !== null && !this.loading()) void this.load(false);
  }

  /** Resolves when the page is in (or failed); for callers that wait, such as tests. */
  async load(fresh: boolean): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    if (fresh) this.loaded.set(false);
    try {
      const page = await firstValueFrom(this.fetch(fresh ? null : this.next()));
      if (generation !== this.generation) return;
      this.rows.set(fresh ? page.items : [...this.rows(), ...page.items]);
      this.next.set(page.nextCursor);
      this.failure.set('');
    } catch (e) {
      if (generation !== this.generation) return;
      if (fresh) this.rows.set([]);
      this.failure.set(errorMessage(e));
    } finally {
      if (generation === this.generation) {
        this.loading.set(false);
        this.loaded.set(true);
      }
    }
  }
}
