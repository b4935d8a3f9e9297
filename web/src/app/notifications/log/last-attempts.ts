import { type Signal, signal } from '@angular/core';
import { type Observable, Subscription, catchError, from, map, mergeMap, of } from 'rxjs';
import type { Delivery, DeliveryAttempt } from '../../core/hub-types';

/** Lookups in flight at once: a page of failures must not flood the hub. */
const CONCURRENCY = 4;

/**
 * The newest attempt of each delivery that has tried and not (yet) succeeded: its error and
 * channel name, which the queue's rows do not carry. Read once per delivery until `clear()`.
 */
export class LastAttempts {
  private readonly known = signal<ReadonlyMap<number, DeliveryAttempt | null>>(new Map());
  private readonly asked = new Set<number>();
  private reads = new Subscription();
  readonly byDelivery: Signal<ReadonlyMap<number, DeliveryAttempt | null>> = this.known.asReadonly();

  constructor(private readonly read: (deliveryId: number) => Observable<DeliveryAttempt | null>) {}

  /** Reads the rows' last attempts not read yet (delivered rows have no error to show). */
  fetch(rows: readonly Delivery[]): void {
    const ids = rows.filter((d) => d.attempts > 0 && d.status !== 'delivered' && !this.asked.has(d.id));
    if (ids.length === 0) return;
    for (const d of ids) this.asked.add(d.id);
    this.reads.add(
      from(ids)
        .pipe(
          mergeMap(
            (d) =>
              this.read(d.id).pipe(
                map((a) => [d.id, a] as const),
                catchError(() => of([d.id, null] as const)),
              ),
            CONCURRENCY,
          ),
        )
        .subscribe(([id, attempt]) => this.known.update((m) => new Map(m).set(id, attempt))),
    );
  }

  /** Forgets everything (the queue is read again: queued rows may have tried since). */
  clear(): void {
    this.reads.unsubscribe();
    this.reads = new Subscription();
    this.asked.clear();
    this.known.set(new Map());
  }
}
