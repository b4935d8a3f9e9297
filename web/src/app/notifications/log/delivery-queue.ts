import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { of } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import type { Delivery, DeliveryFilter } from '../../core/hub-types';
import { dateTime } from '../../shared/format';
import { PagedList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { lookupList, namesById } from '../../shared/list/lookup';
import { NotificationsApi } from '../notifications.api';
import { LastAttempts } from './last-attempts';
import { reloadAfterAlerts } from './reload-after-alerts';

/**
 * The delivery queue: every notification to every channel, newest first, queued (with its next
 * try), delivered or failed for good, with the error of its last attempt.
 */
@Component({
  selector: 'hw-delivery-queue',
  imports: [FormsModule, ListView],
  templateUrl: './delivery-queue.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveryQueue {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthService);
  protected readonly dateTime = dateTime;
  protected filter: Required<Pick<DeliveryFilter, 'status'>> = { status: '' };
  protected readonly queue = new PagedList((cursor: number | null) =>
    this.api.deliveries(this.filter, cursor),
  );
  protected readonly last = new LastAttempts((id) => this.api.lastAttempt(id));

  /** Admins may read the channels; for others the last attempts name the channels they tried. */
  private readonly channelNames = namesById(
    lookupList(this.auth.canAdminister() ? this.api.channels() : of([])),
  );

  constructor() {
    this.refresh();
    reloadAfterAlerts(() => this.refresh());
    effect(() => {
      const rows = this.queue.items();
      untracked(() => this.last.fetch(rows));
    });
    inject(DestroyRef).onDestroy(() => this.last.clear());
  }

  protected readonly lastError = computed(() => {
    const errors = new Map<number, string>();
    for (const [id, a] of this.last.byDelivery()) if (a?.error) errors.set(id, a.error);
    return errors;
  });

  protected channelName(d: Delivery): string {
    return (
      this.channelNames().get(d.channelId) ??
      this.last.byDelivery().get(d.id)?.channelName ??
      `channel ${d.channelId.slice(0, 8)}`
    );
  }

  /** As the delivery log words it ("firing: High CPU on web-1"). */
  protected about(d: Delivery): string {
    const m = d.message;
    return m.state === 'test' ? `test: ${m.rule}` : `${m.state}: ${m.rule} on ${m.server}`;
  }

  protected refresh(): void {
    this.last.clear();
    this.queue.reload();
  }
}
