import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { debounceTime } from 'rxjs';
import { ActiveAlertsService } from '../core/active-alerts.service';
import type { AlertFilter } from '../core/hub-types';
import { LiveStreamService } from '../core/live-stream.service';
import { dateTime } from '../shared/format';
import { PagedList } from '../shared/list/list-source';
import { ListView } from '../shared/list/list-view';
import { lookupList, serverOptions } from '../shared/list/lookup';
import { AlertHandling } from './alert-handling';
import { AlertsApi } from './alerts.api';

/** Active alerts (live) and the alert history with filters (live too: a state change reloads it). */
@Component({
  selector: 'hw-alerts-page',
  imports: [FormsModule, RouterLink, ListView, AlertHandling],
  templateUrl: './alerts-page.html',
  // on a phone the active alerts are cards: the actions stay in view instead of off to the right
  styles: `
    @media (max-width: 640px) {
      .active-grid thead {
        display: none;
      }
      .active-grid tr,
      .active-grid td {
        display: block;
      }
      .active-grid tr {
        padding: 8px 0;
        border-bottom: 1px solid var(--border);
      }
      .active-grid td {
        border: 0;
        padding: 2px 8px;
      }
      .active-grid td[data-label]::before {
        content: attr(data-label) ': ';
        color: var(--muted);
        font-size: 12px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsPage {
  private readonly api = inject(AlertsApi);
  private readonly live = inject(LiveStreamService);
  protected readonly active = inject(ActiveAlertsService);
  protected readonly dateTime = dateTime;

  protected filter: Required<AlertFilter> = { state: '', ruleId: '', serverId: '', from: '', to: '' };
  protected readonly history = new PagedList((cursor: string | null) =>
    this.api.history(this.filter, cursor),
  );
  protected readonly rules = lookupList(this.api.rules());
  protected readonly servers = serverOptions(this.live);

  constructor() {
    this.history.reload();
    // a firing or resolved alert changes the history: show it without a click
    this.live.alertNotices
      .pipe(debounceTime(300), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.history.reload());
  }

  protected clear(): void {
    this.filter = { state: '', ruleId: '', serverId: '', from: '', to: '' };
    this.history.reload();
  }
}
