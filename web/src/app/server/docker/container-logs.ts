import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterRenderEffect,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { DockerApi } from '../../docker/docker.api';
import { type LogLine, appendEvent, listenToLogs } from './container-log-stream';

/**
 * The container's log, the last 200 lines then followed live; stderr lines are marked. The stream
 * is closed when the pane goes (drawer closed, another pane or tab).
 */
@Component({
  selector: 'hw-container-logs',
  template: `
    <section class="dk-logs" aria-label="Container log">
      <div class="dk-logs-bar">
        <span class="muted small" role="status" data-testid="logs-status">{{ status() }}</span>
        <span class="dk-legend small"><i class="stderr"></i>stderr</span>
        <button
          type="button"
          (click)="follow.set(!follow())"
          [attr.aria-pressed]="follow()"
          data-testid="logs-follow"
        >
          {{ follow() ? 'Pause scrolling' : 'Resume scrolling' }}
        </button>
        @if (!streaming()) {
          <button type="button" (click)="start()" [disabled]="!online()">Reconnect</button>
        }
      </div>
      <div #box class="dk-log" tabindex="0" role="log" aria-label="Log lines" data-testid="logs">
        @for (l of lines(); track l.n) {
          <div [class]="'dk-line ' + l.kind" [attr.data-stream]="l.kind">
            {{ l.text }}
            @if (l.truncated) {
              <span class="muted"> [cut]</span>
            }
          </div>
        } @empty {
          <p class="muted small">No log lines yet.</p>
        }
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerLogs {
  private readonly api = inject(DockerApi);
  readonly serverId = input.required<string>();
  readonly containerId = input.required<string>();
  readonly online = input(true);

  protected readonly lines = signal<LogLine[]>([]);
  protected readonly follow = signal(true);
  protected readonly streaming = signal(false);
  protected readonly status = signal('Connecting…');
  private readonly box = viewChild<ElementRef<HTMLElement>>('box');
  private stop: (() => void) | null = null;

  constructor() {
    afterRenderEffect({
      write: () => {
        this.lines();
        const el = this.box()?.nativeElement;
        if (el && this.follow()) el.scrollTop = el.scrollHeight;
      },
    });
    inject(DestroyRef).onDestroy(() => this.stop?.());
    effect(() => {
      this.serverId();
      this.containerId();
      untracked(() => this.start());
    });
  }

  protected start(): void {
    this.stop?.();
    if (!this.online()) {
      this.status.set('The agent is offline or the container is gone: no live log.');
      return;
    }
    this.lines.set([]);
    this.streaming.set(true);
    this.status.set('Following the log');
    let heard = false;
    this.stop = listenToLogs(
      this.api.logsUrl(this.serverId(), this.containerId()),
      (event) => {
        heard = true;
        this.lines.update((l) => appendEvent(l, event));
      },
      () => {
        this.streaming.set(false);
        this.status.set(
          heard
            ? 'The log stream ended.'
            : 'The log could not be opened: the agent may be offline, the container gone, or too many logs open.',
        );
      },
    );
  }
}
