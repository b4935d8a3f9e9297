import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { of } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import type { AttemptFilter } from '../../core/hub-types';
import { dateTime } from '../../shared/format';
import { PagedList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { lookupList } from '../../shared/list/lookup';
import { NotificationsApi } from '../notifications.api';
import { reloadAfterAlerts } from './reload-after-alerts';

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
    reloadAfterAlerts(() => this.log.reload());
  }

  protected clear(): void {
    this.filter = { channelId: '', outcome: '', from: '', to: '' };
    this.log.reload();
  }
}
