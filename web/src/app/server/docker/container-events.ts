import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { DockerEventFrame, DockerEventView } from '@hivewatch/protocol';
import * as cf from '../../docker/container-format';
import { DockerApi } from '../../docker/docker.api';
import { errorMessage } from '../../shared/errors';

/** Events the timeline keeps. */
export const MAX_EVENTS = 200;

export interface TimelineEvent {
  key: string;
  action: DockerEventView['action'];
  at: string;
  exitCode: number | null;
  health: DockerEventView['health'];
}

/** Live frames first (newest first), then the stored ones, without the ones both list. */
export function timeline(
  live: readonly TimelineEvent[],
  stored: readonly DockerEventView[],
  max = MAX_EVENTS,
): TimelineEvent[] {
  const seen = new Set(live.map((e) => `${e.action}@${Date.parse(e.at)}`));
  const rest = stored
    .filter((e) => !seen.has(`${e.action}@${Date.parse(e.at)}`))
    .map((e) => ({ key: e.id, action: e.action, at: e.at, exitCode: e.exitCode, health: e.health }));
  return [...live, ...rest].slice(0, max);
}

export function eventText(e: Pick<TimelineEvent, 'action' | 'exitCode' | 'health'>): string {
  if (e.action === 'die') return e.exitCode === null ? 'died' : `died (exit code ${e.exitCode})`;
  if (e.action === 'health_status') return `health: ${e.health ?? 'unknown'}`;
  if (e.action === 'oom') return 'out of memory';
  return e.action;
}

/** Lifecycle events of the container: the stored ones, then live `docker_event` frames on top. */
@Component({
  selector: 'hw-container-events',
  template: `
    @if (events.isLoading() && !events.hasValue()) {
      <p class="state" role="status">Loading events…</p>
    } @else if (events.error()) {
      <p class="state error" role="alert">Events unavailable: {{ error() }}</p>
    } @else {
      <div class="dk-logs-bar">
        <span class="muted small">Newest first</span>
        <button type="button" class="ghost" (click)="refresh()" aria-label="Refresh events">⟳</button>
      </div>
      <ol class="dk-timeline" data-testid="events">
        @for (e of items(); track e.key) {
          <li [attr.data-action]="e.action">
            <time class="muted small" [attr.datetime]="e.at">{{ cf.when(e.at) }}</time>
            <span [class]="'dk-event ' + tone(e)">{{ text(e) }}</span>
          </li>
        } @empty {
          <li class="muted">No events recorded for this container.</li>
        }
      </ol>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerEvents {
  private readonly api = inject(DockerApi);
  readonly serverId = input.required<string>();
  readonly containerId = input.required<string>();
  protected readonly cf = cf;

  protected readonly events = rxResource({
    params: () => ({ id: this.serverId(), cid: this.containerId(), n: this.reload() }),
    stream: ({ params }) => this.api.events(params.id, params.cid, MAX_EVENTS),
  });
  /** Events that arrived live since the drawer opened (newest first), kept by the drawer. */
  readonly live = input<readonly TimelineEvent[]>([]);
  private readonly reload = signal(0);
  protected readonly items = computed(() =>
    timeline(this.live(), this.events.hasValue() ? this.events.value().items : []),
  );

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }

  protected text(e: TimelineEvent): string {
    return eventText(e);
  }

  protected tone(e: TimelineEvent): string {
    if (e.action === 'die' || e.action === 'oom' || e.action === 'kill')
      return e.exitCode === 0 ? 'idle' : 'bad';
    if (e.action === 'health_status')
      return e.health === 'unhealthy' ? 'bad' : e.health === 'healthy' ? 'ok' : 'idle';
    return e.action === 'start' || e.action === 'unpause' ? 'ok' : 'idle';
  }

  protected error(): string {
    return errorMessage(this.events.error());
  }
}

/** A live `docker_event` frame as a timeline entry. */
export function liveEvent(f: DockerEventFrame, n: number): TimelineEvent {
  return { key: `live-${n}`, action: f.action, at: f.at, exitCode: f.exitCode, health: f.health };
}
