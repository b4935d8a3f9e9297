import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { AuthService } from '../core/auth.service';
import type { ActiveAlert } from '../core/hub-types';
import { ActiveAlertsService } from '../core/active-alerts.service';
import { dateTime } from '../shared/format';
import { injectRunAction } from '../shared/list/run-action';
import { AlertsApi } from './alerts.api';
import { AlertHandlingDialog, type HandlingChoice } from './alert-handling-dialog';

/**
 * Who acknowledged a firing alert and until when it is snoozed, with the Acknowledge and Snooze
 * actions for every signed-in user whose credential may change things (not a read-only key).
 */
@Component({
  selector: 'hw-alert-handling',
  imports: [AlertHandlingDialog],
  template: `
    @let a = alert();
    @if (a.acknowledgedAt !== null) {
      <div class="small" data-testid="acknowledged">
        Acknowledged by <strong>{{ a.acknowledgedBy }}</strong> {{ dateTime(a.acknowledgedAt) }}
        @if (a.ackComment) {
          <div class="muted">“{{ a.ackComment }}”</div>
        }
      </div>
    }
    @if (snoozed()) {
      <div class="small" data-testid="snoozed">Snoozed until {{ dateTime(a.snoozedUntil) }}</div>
    }
    @if (a.state === 'firing' && canAct()) {
      <div class="row-actions">
        @if (a.acknowledgedAt === null) {
          <button type="button" (click)="open.set('acknowledge')">Acknowledge</button>
        }
        @if (snoozed()) {
          <button type="button" (click)="unsnooze()">End snooze</button>
        } @else {
          <button type="button" (click)="open.set('snooze')">Snooze</button>
        }
      </div>
    }
    @if (open(); as mode) {
      <hw-alert-handling-dialog
        [mode]="mode"
        [alert]="a"
        (chosen)="apply($event)"
        (cancelled)="open.set(null)"
      />
    }
  `,
  styles: `
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-top: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertHandling {
  readonly alert = input.required<ActiveAlert>();
  private readonly api = inject(AlertsApi);
  private readonly active = inject(ActiveAlertsService);
  private readonly auth = inject(AuthService);
  private readonly run = injectRunAction();
  protected readonly dateTime = dateTime;
  protected readonly open = signal<'acknowledge' | 'snooze' | null>(null);
  protected readonly canAct = computed(() => {
    const me = this.auth.me();
    return !!me && me.scope !== 'read';
  });
  protected readonly snoozed = computed(() => {
    const until = this.alert().snoozedUntil;
    return until !== null && until > Date.now();
  });

  protected async apply(choice: HandlingChoice): Promise<void> {
    this.open.set(null);
    const a = this.alert();
    const call =
      choice.kind === 'acknowledge'
        ? this.api.acknowledge(a.id, choice.comment ? { comment: choice.comment } : {})
        : this.api.snooze(a.id, choice.body);
    const done = choice.kind === 'acknowledge' ? `Acknowledged: ${a.ruleName}` : `Snoozed: ${a.ruleName}`;
    await this.run(call, done, () => void this.active.refresh());
  }

  protected async unsnooze(): Promise<void> {
    const a = this.alert();
    await this.run(this.api.unsnooze(a.id), `Snooze ended: ${a.ruleName}`, () => void this.active.refresh());
  }
}
