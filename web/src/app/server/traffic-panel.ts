import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { AuthService } from '../core/auth.service';
import type { TrafficUsage } from '../core/hub-types';
import { ThemeService } from '../core/theme.service';
import { ToastService } from '../core/toast.service';
import { errorMessage } from '../shared/errors';
import { FieldError } from '../shared/field-error';
import { bytes, percent } from '../shared/format';
import { DraftForm } from '../shared/form/draft-form';
import { TrafficApi } from './traffic.api';
import {
  DAY_MS,
  type TrafficSettingsDraft,
  dailyChartOption,
  quotaShare,
  settingsBody,
  settingsDraft,
  validateSettings,
} from './traffic-options';

const HISTORY_DAYS = 31;

/** Traffic of one server: the current billing cycle with its projection, settings, daily history. */
@Component({
  selector: 'hw-traffic-panel',
  imports: [FormsModule, NgxEchartsDirective, FieldError],
  providers: [provideEchartsCore({ echarts: () => import('./echarts-setup') })],
  templateUrl: './traffic-panel.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrafficPanel {
  private readonly api = inject(TrafficApi);
  private readonly theme = inject(ThemeService);
  private readonly toasts = inject(ToastService);
  protected readonly auth = inject(AuthService);
  readonly serverId = input.required<string>();

  protected readonly bytes = bytes;
  protected readonly percent = percent;
  protected readonly usage = rxResource({
    params: () => this.serverId(),
    stream: ({ params }) => this.api.usage(params),
  });
  protected readonly daily = rxResource({
    params: () => this.serverId(),
    stream: ({ params }) => {
      const to = Date.now();
      return this.api.daily(params, to - HISTORY_DAYS * DAY_MS, to);
    },
  });
  protected readonly quota = computed(() => (this.usage.hasValue() ? quotaShare(this.usage.value()) : null));
  protected readonly chart = computed(() => {
    if (!this.daily.hasValue() || this.daily.value().points.length === 0) return null;
    const dark = this.theme.dark();
    return dailyChartOption(this.daily.value(), dark);
  });
  protected readonly newestFirst = computed(() =>
    this.daily.hasValue() ? [...this.daily.value().points].reverse() : [],
  );

  protected readonly editing = signal(false);
  protected form = new DraftForm<TrafficSettingsDraft>(
    { cycle: 'monthly', startDay: 1, quotaGb: null },
    validateSettings,
  );

  constructor() {
    // a settings form open for one server is not carried over to the next
    effect(() => {
      this.serverId();
      this.editing.set(false);
    });
  }

  protected error(of: 'usage' | 'daily'): string {
    return errorMessage(of === 'usage' ? this.usage.error() : this.daily.error());
  }

  protected edit(u: TrafficUsage): void {
    this.form = new DraftForm(settingsDraft(u), validateSettings);
    this.editing.set(true);
  }

  protected async save(): Promise<void> {
    const saved = await this.form.submit((d) => this.api.updateSettings(this.serverId(), settingsBody(d)));
    if (!saved) return;
    this.toasts.success('Billing cycle saved.');
    this.editing.set(false);
    this.usage.reload();
  }

  protected day(t: number): string {
    return new Date(t).toISOString().slice(0, 10);
  }
}
