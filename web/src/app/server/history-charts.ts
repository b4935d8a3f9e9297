import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { ThemeService } from '../core/theme.service';
import { errorMessage } from '../shared/errors';
import { CHARTS, HISTORY_METRICS, chartOption } from './history-options';
import { RANGES, type RangeKey, resolveRange } from './history-range';
import { RecordsApi } from './records.api';

/** History charts with a range picker; ECharts itself is fetched when the first chart draws. */
@Component({
  selector: 'hw-history-charts',
  imports: [NgxEchartsDirective, FormsModule],
  providers: [provideEchartsCore({ echarts: () => import('./echarts-setup') })],
  templateUrl: './history-charts.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryCharts {
  private readonly records = inject(RecordsApi);
  private readonly theme = inject(ThemeService);
  readonly serverId = input.required<string>();

  protected readonly ranges = RANGES;
  protected readonly charts = CHARTS;
  protected readonly range = signal<RangeKey>('1h');
  protected customFrom = '';
  protected customTo = '';
  private readonly customApplied = signal({ from: '', to: '' });
  /** Bumped by "refresh" so a preset range moves its end to now. */
  private readonly tick = signal(0);

  private readonly window = computed(() => {
    this.tick();
    return resolveRange(this.range(), this.customApplied());
  });

  protected readonly history = rxResource({
    params: () => {
      const w = this.window();
      return w ? { id: this.serverId(), ...w } : undefined;
    },
    stream: ({ params }) => this.records.history(params.id, params.from, params.to, HISTORY_METRICS),
  });

  protected readonly options = computed(() => {
    const h = this.history.hasValue() ? this.history.value() : undefined;
    if (!h) return [];
    const dark = this.theme.dark();
    return CHARTS.map((spec) => ({ spec, option: chartOption(h, spec, dark) }));
  });
  protected readonly empty = computed(
    () => this.history.hasValue() && this.history.value().points.length === 0,
  );
  protected readonly invalidCustom = computed(() => this.range() === 'custom' && this.window() === null);

  protected pick(key: RangeKey): void {
    this.range.set(key);
    this.tick.update((n) => n + 1);
  }

  protected applyCustom(): void {
    this.customApplied.set({ from: this.customFrom, to: this.customTo });
    this.range.set('custom');
  }

  protected refresh(): void {
    this.tick.update((n) => n + 1);
  }

  protected error(): string {
    return errorMessage(this.history.error());
  }
}
