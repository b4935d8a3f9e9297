import { type Signal, computed } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { TaskPreviewResponse } from '@hivewatch/protocol';
import {
  type Observable,
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { errorMessage } from '../shared/errors';
import type { TasksApi } from './tasks.api';

/** What the preview shows: waiting for the hub, its next times, or the parser's reason. */
export type Preview =
  { state: 'checking' } | { state: 'ok'; next: string[] } | { state: 'error'; message: string };

/** The question the hub is asked: an expression in a zone (no request for a zone not in the list). */
export interface PreviewQuery {
  cron: string;
  timeZone: string;
  known: boolean;
}

/** How long typing must pause before the hub is asked for the next run times. */
export const PREVIEW_DEBOUNCE_MS = 400;

const sameQuery = (a: PreviewQuery, b: PreviewQuery): boolean =>
  a.cron === b.cron && a.timeZone === b.timeZone && a.known === b.known;

/**
 * The hub's answer for the query on screen, asked once typing pauses. An answer is shown only next
 * to the question it answers: while the field holds anything else (typing, a preset just written)
 * the preview says "checking", never the next times or the error of an expression no longer there.
 * In an injection context.
 */
export function cronPreview(api: TasksApi, query: Signal<PreviewQuery>): Signal<Preview> {
  const answer = toSignal(
    toObservable(query).pipe(
      distinctUntilChanged(sameQuery),
      debounceTime(PREVIEW_DEBOUNCE_MS),
      switchMap((q) => ask(api, q).pipe(map((preview) => ({ q, preview })))),
    ),
    { initialValue: null },
  );
  return computed<Preview>(() => {
    const a = answer();
    return a && sameQuery(a.q, query()) ? a.preview : { state: 'checking' };
  });
}

function ask(api: TasksApi, q: PreviewQuery): Observable<Preview> {
  if (!q.known) return of<Preview>({ state: 'error', message: 'Pick a time zone from the list.' });
  if (!q.cron) return of<Preview>({ state: 'error', message: 'Type a cron expression or use a preset.' });
  return api.preview({ cron: q.cron, timeZone: q.timeZone, count: 5 }).pipe(
    map((r: TaskPreviewResponse): Preview => ({ state: 'ok', next: r.next })),
    catchError((e: unknown) => of<Preview>({ state: 'error', message: errorMessage(e) })),
    startWith<Preview>({ state: 'checking' }),
  );
}
