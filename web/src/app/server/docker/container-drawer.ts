import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ViewEncapsulation,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { ContainerView } from '@hivewatch/protocol';
import * as cf from '../../docker/container-format';
import { DockerLiveService } from '../../docker/docker-live.service';
import { Modal, modalId } from '../../shared/modal';
import { ContainerActionPanel } from './container-action-panel';
import { ContainerCharts } from './container-charts';
import { ContainerEvents, MAX_EVENTS, type TimelineEvent, liveEvent } from './container-events';
import { ContainerInspect } from './container-inspect';
import { ContainerLogs } from './container-logs';

type Pane = 'summary' | 'logs' | 'events' | 'inspect';

/**
 * One container: summary and charts, its log (followed live while the pane is open), lifecycle
 * events, the inspect facts and (admins) actions. Full-screen on a phone.
 */
@Component({
  selector: 'hw-container-drawer',
  imports: [Modal, ContainerActionPanel, ContainerCharts, ContainerEvents, ContainerInspect, ContainerLogs],
  templateUrl: './container-drawer.html',
  styleUrl: './container-drawer.css',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerDrawer {
  readonly container = input.required<ContainerView>();
  readonly serverId = input.required<string>();
  /** Admins see logs and inspect (logs may hold secrets; the hub allows them to admins only). */
  readonly admin = input(false);
  readonly canAct = input(false);
  readonly simpleDialect = input(false);
  readonly online = input(true);
  readonly closed = output<void>();

  protected readonly cf = cf;
  protected readonly titleId = modalId('container-title');
  protected readonly pane = signal<Pane>('summary');
  protected readonly panes = computed<{ key: Pane; label: string }[]>(() => [
    { key: 'summary', label: 'Summary' },
    ...(this.admin() ? [{ key: 'logs' as const, label: 'Logs' }] : []),
    { key: 'events', label: 'Events' },
    ...(this.admin() ? [{ key: 'inspect' as const, label: 'Inspect' }] : []),
  ]);
  protected readonly memoryShare = computed(() => {
    const c = this.container();
    return cf.memoryPercent(c.memoryUsageBytes, c.memoryLimitBytes);
  });

  /** Live events of this container since the drawer opened, whichever pane is shown. */
  protected readonly liveEvents = signal<TimelineEvent[]>([]);

  constructor() {
    let n = 0;
    const sub = inject(DockerLiveService).events.subscribe((f) => {
      if (f.serverId !== this.serverId() || f.containerId !== this.container().id) return;
      this.liveEvents.update((l) => [liveEvent(f, n++), ...l].slice(0, MAX_EVENTS));
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected portList(): string {
    const list = this.container().ports.map(cf.port);
    return list.length ? [...new Set(list)].join(', ') : '—';
  }
}
