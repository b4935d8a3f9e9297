import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ActiveAlertsService } from '../core/active-alerts.service';
import { ago } from './format';

const SHOWN = 5;

/** Pending and firing alerts in a strip (overview: all servers; server page: one), live. */
@Component({
  selector: 'hw-alert-strip',
  imports: [RouterLink],
  template: `
    @if (alerts().length > 0) {
      <section class="alert-strip card" aria-label="Active alerts" data-testid="alert-strip">
        <h2>
          {{ firingCount() }} firing
          @if (alerts().length > firingCount()) {
            <span class="muted small">, {{ alerts().length - firingCount() }} pending</span>
          }
        </h2>
        <ul>
          @for (a of shown(); track a.id) {
            <li [attr.data-alert]="a.ruleName" [attr.data-state]="a.state">
              <span class="badge" [class]="'badge sev-' + a.severity">{{ a.state }}</span>
              <strong>{{ a.ruleName }}</strong>
              @if (!serverId()) {
                on <a [routerLink]="['/servers', a.serverId]">{{ a.serverName }}</a>
              }
              <span class="muted">— {{ a.message }} · {{ since(a.firedAt ?? a.startedAt) }}</span>
            </li>
          }
        </ul>
        <a routerLink="/alerts">
          @if (alerts().length > shown().length) {
            {{ alerts().length - shown().length }} more —
          }
          all alerts
        </a>
      </section>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertStrip {
  private readonly active = inject(ActiveAlertsService);
  /** One server only; all servers when absent. */
  readonly serverId = input<string>();

  protected readonly alerts = computed(() => {
    const id = this.serverId();
    const all = this.active.alerts();
    return id ? all.filter((a) => a.serverId === id) : all;
  });
  protected readonly firingCount = computed(() => this.alerts().filter((a) => a.state === 'firing').length);
  protected readonly shown = computed(() => this.alerts().slice(0, SHOWN));

  protected since(at: number): string {
    return ago(new Date(at).toISOString());
  }
}
