import { type Signal, computed } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type Observable, catchError, of } from 'rxjs';
import type { LiveStreamService } from '../../core/live-stream.service';

/**
 * A list a screen only looks things up in (select options, names for ids): empty while loading or
 * when the hub refuses, since the screen works without it. Call in an injection context.
 */
export function lookupList<T>(source: Observable<T[]>): Signal<T[]> {
  return toSignal(orEmpty(source), { initialValue: [] });
}

/** A lookup list as an observable: empty when the hub refuses (e.g. to read with other data at once). */
export function orEmpty<T>(source: Observable<T[]>): Observable<T[]> {
  return source.pipe(catchError(() => of<T[]>([])));
}

/** id → name of a lookup list. */
export function namesById(
  list: Signal<readonly { id: string; name: string }[]>,
): Signal<Map<string, string>> {
  return computed(() => new Map(list().map((x) => [x.id, x.name])));
}

/** Every server the live stream knows, by name: for server pickers and filters. */
export function serverOptions(live: LiveStreamService): Signal<{ id: string; name: string }[]> {
  return computed(() =>
    [...live.servers().values()]
      .map((s) => ({ id: s.id, name: s.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
}
