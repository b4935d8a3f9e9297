import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { HistoryPoint } from '@hivewatch/protocol';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { LiveStreamService } from '../core/live-stream.service';
import { ThemeService } from '../core/theme.service';
import { errorMessage } from '../shared/errors';
import { chartWidth } from './chart-axis';
import { CHARTS, HISTORY_METRICS, chartOption } from './history-options';
import { RANGES, type RangeKey, resolveRange } from './history-range';
import { appendLive, withLive } from './live-history';
import { RecordsApi } from './records.api';

/**
 * History charts with a range picker; ECharts itself is fetched when the first chart draws. Preset
 * ranges end now and move on with the live samples of the server (at most once a second).
 */
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
  private readonly live = inject(LiveStreamService);
  readonly serverId = input.required<string>();

  protected readonly ranges = RANGES;
  protected readonly charts = CHARTS;
  protected readonly range = signal<RangeKey>('1h');
  /** The custom-range form is open; the charts keep the last applied range until Apply. */
  protected readonly customOpen = signal(false);
  protected readonly customError = signal('');
  protected customFrom = '';
  protected customTo = '';
  private readonly customApplied = signal({ from: '', to: '' });
  /** Bumped by "refresh" so a preset range moves its end to now. */
  private readonly tick = signal(0);
  /** Samples that arrived since the page opened (browser frames), drawn after the history. */
  private readonly liveTail = signal<readonly HistoryPoint[]>([]);
  private readonly width = signal(0);

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

  /** The fetched history, with the live tail after it for ranges that end now. */
  private readonly shown = computed(() => {
    const h = this.history.hasValue() ? this.history.value() : undefined;
    if (!h) return undefined;
    return this.range() === 'custom' ? h : withLive(h, this.liveTail());
  });

  protected readonly options = computed(() => {
    const h = this.shown();
    if (!h) return [];
    const dark = this.theme.dark();
    const width = chartWidth(this.width() || 400);
    return CHARTS.map((spec) => ({ spec, option: chartOption(h, spec, dark, width) }));
  });
  /** Live points drawn after the stored history (for tests and support: `data-live-points`). */
  protected readonly livePoints = computed(() => {
    const h = this.shown();
    return h && this.history.hasValue() ? h.points.length - this.history.value().points.length : 0;
  });
  protected readonly empty = computed(() => {
    const h = this.shown();
    return h !== undefined && h.points.length === 0;
  });

  constructor() {
    effect(() => {
      this.serverId();
      this.liveTail.set([]);
    });
    effect(() => {
      const metrics = this.live.servers().get(this.serverId())?.metrics;
      if (metrics) untracked(() => this.liveTail.update((tail) => appendLive(tail, metrics)));
    });
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) this.width.set(Math.round(entry.contentRect.width));
    });
    observer.observe(host);
    inject(DestroyRef).onDestroy(() => observer.disconnect());
  }

  protected pick(key: RangeKey): void {
    this.customOpen.set(false);
    this.customError.set('');
    this.range.set(key);
    this.tick.update((n) => n + 1);
  }

  protected openCustom(): void {
    this.customOpen.set(true);
  }

  protected applyCustom(): void {
    const custom = { from: this.customFrom, to: this.customTo };
    if (!resolveRange('custom', custom)) {
      this.customError.set(
        this.customFrom && this.customTo ? 'Pick a start before the end.' : 'Pick a start and an end.',
      );
      return;
    }
    this.customError.set('');
    this.customApplied.set(custom);
    this.range.set('custom');
  }

  protected refresh(): void {
    this.tick.update((n) => n + 1);
  }

  protected error(): string {
    return errorMessage(this.history.error());
  }
}
