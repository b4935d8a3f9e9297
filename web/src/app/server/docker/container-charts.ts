import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { ThemeService } from '../../core/theme.service';
import { DockerApi } from '../../docker/docker.api';
import { errorMessage } from '../../shared/errors';
import { chartWidth } from '../chart-axis';
import { CONTAINER_CHARTS, containerChartOption } from './container-chart-options';

const RANGES = [
  { key: '1h', label: '1 h', ms: 3_600_000 },
  { key: '24h', label: '24 h', ms: 24 * 3_600_000 },
  { key: '7d', label: '7 d', ms: 7 * 86_400_000 },
  { key: '30d', label: '30 d', ms: 30 * 86_400_000 },
] as const;
type RangeKey = (typeof RANGES)[number]['key'];

/** CPU, memory, network and block I/O of one container over a range; ECharts loads with the first chart. */
@Component({
  selector: 'hw-container-charts',
  imports: [NgxEchartsDirective],
  providers: [provideEchartsCore({ echarts: () => import('../echarts-setup') })],
  template: `
    <section class="history dk-charts" aria-labelledby="dk-history-title">
      <div class="history-head">
        <h3 id="dk-history-title">History</h3>
        <div class="segmented" role="group" aria-label="Time range">
          @for (r of ranges; track r.key) {
            <button type="button" [attr.aria-pressed]="range() === r.key" (click)="pick(r.key)">
              {{ r.label }}
            </button>
          }
        </div>
        <button type="button" class="ghost" (click)="pick(range())" aria-label="Refresh history">⟳</button>
      </div>
      @if (history.isLoading() && !history.hasValue()) {
        <p class="state" role="status">Loading history…</p>
      } @else if (history.error()) {
        <p class="state error" role="alert">History unavailable: {{ error() }}</p>
      } @else if (empty()) {
        <p class="state empty">No figures stored in this range yet.</p>
      } @else {
        <div class="charts dk-chart-grid" [attr.data-resolution]="history.value()?.resolution">
          @for (c of options(); track c.id) {
            <figure class="chart card" [attr.data-chart]="c.id">
              <figcaption>{{ c.title }}</figcaption>
              <div echarts class="echart" [options]="c.option" [autoResize]="true"></div>
            </figure>
          }
        </div>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerCharts {
  private readonly api = inject(DockerApi);
  private readonly theme = inject(ThemeService);
  readonly serverId = input.required<string>();
  readonly containerId = input.required<string>();

  protected readonly ranges = RANGES;
  protected readonly range = signal<RangeKey>('1h');
  private readonly tick = signal(0);
  private readonly width = signal(0);

  protected readonly history = rxResource({
    params: () => {
      this.tick();
      const ms = RANGES.find((r) => r.key === this.range())?.ms ?? RANGES[0].ms;
      const to = Date.now();
      return { id: this.serverId(), cid: this.containerId(), from: to - ms, to };
    },
    stream: ({ params }) => this.api.history(params.id, params.cid, params.from, params.to),
  });
  protected readonly empty = computed(
    () => this.history.hasValue() && this.history.value().points.length === 0,
  );
  protected readonly options = computed(() => {
    if (!this.history.hasValue()) return [];
    const h = this.history.value();
    const dark = this.theme.dark();
    // the drawer is one column: a chart takes the full width up to two columns of 380 px
    const width = chartWidth(this.width() || 400);
    return CONTAINER_CHARTS.map((spec) => ({
      id: spec.id,
      title: spec.title,
      option: containerChartOption(h, spec, dark, width),
    }));
  });

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) this.width.set(Math.round(entry.contentRect.width));
    });
    observer.observe(host);
    inject(DestroyRef).onDestroy(() => observer.disconnect());
  }

  protected pick(key: RangeKey): void {
    this.range.set(key);
    this.tick.update((n) => n + 1);
  }

  protected error(): string {
    return errorMessage(this.history.error());
  }
}
