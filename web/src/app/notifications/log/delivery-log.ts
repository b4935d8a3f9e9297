import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { debounceTime, of } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import type { AttemptFilter } from '../../core/hub-types';
import { LiveStreamService } from '../../core/live-stream.service';
import { dateTime } from '../../shared/format';
import { PagedList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { lookupList } from '../../shared/list/lookup';
import { NotificationsApi } from '../notifications.api';

/** Notifications follow an alert frame by a moment (the queue sends them): read the log after that. */
const AFTER_ALERT_MS = 1500;

/** The delivery log: every attempt to send a notification, newest first, with filters. */
@Component({
  selector: 'hw-delivery-log',
  imports: [FormsModule, ListView],
  templateUrl: './delivery-log.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveryLog {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthService);
  protected readonly dateTime = dateTime;
  protected filter: Required<AttemptFilter> = { channelId: '', outcome: '', from: '', to: '' };
  protected readonly log = new PagedList((cursor: number | null) => this.api.attempts(this.filter, cursor));

  /** Admins pick from the channels; users (who may not list channels) from those in the log. */
  private readonly channels = lookupList(this.auth.canAdminister() ? this.api.channels() : of([]));
  protected readonly channelOptions = computed(() => {
    const known = new Map(this.channels().map((c) => [c.id, c.name]));
    for (const a of this.log.items()) if (!known.has(a.channelId)) known.set(a.channelId, a.channelName);
    return [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  });

  constructor() {
    this.log.reload();
    inject(LiveStreamService)
      .alertNotices.pipe(debounceTime(AFTER_ALERT_MS), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.log.reload());
  }

  protected clear(): void {
    this.filter = { channelId: '', outcome: '', from: '', to: '' };
    this.log.reload();
  }
}
