import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { CommandRunEvent } from '@hivewatch/protocol';
import { UsersApi } from '../admin/users/users.api';
import { ConfirmButton } from '../shared/confirm-button';
import { errorMessage } from '../shared/errors';
import { dateTime } from '../shared/format';
import { lookupList } from '../shared/list/lookup';
import { injectRunAction } from '../shared/list/run-action';
import { CommandsApi } from './commands.api';
import { listenToRun } from './run-events';
import { countsOf, stateClass, stateLabel, targetCount } from './run-format';
import { applyRunEvent, viewOfDetail, type RunView } from './run-view';
import { TargetPane } from './target-pane';

/** A stream that ended while the run is still going (a proxy timeout, a hub restart) is reopened. */
const REOPEN_AFTER_MS = 3000;

/**
 * `/commands/:id`: one run, live. The event stream's snapshot and changes are applied as they come;
 * when the stream ends or fails the run is read once more (the stored record), and the stream is
 * reopened if the run is still going.
 */
@Component({
  selector: 'hw-run-page',
  imports: [RouterLink, ConfirmButton, TargetPane],
  templateUrl: './run-page.html',
  styleUrl: './run-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunPage {
  private readonly api = inject(CommandsApi);
  private readonly runAction = injectRunAction();
  readonly id = input.required<string>();

  protected readonly view = signal<RunView | null>(null);
  protected readonly loadError = signal<string | null>(null);
  /** Ticks once a second while the run is live (running durations). */
  protected readonly now = signal(Date.now());
  protected readonly live = computed(() => this.view()?.run.state === 'running');
  protected readonly counts = computed(() => {
    const v = this.view();
    return v ? countsOf(v.run) : [];
  });
  protected readonly total = computed(() => {
    const v = this.view();
    return v ? targetCount(v.run) : 0;
  });
  private readonly users = lookupList(inject(UsersApi).list());
  protected readonly who = computed(() => {
    const by = this.view()?.run.createdBy;
    if (!by) return this.view()?.run.taskId ? 'a scheduled task' : 'an API key';
    return this.users().find((u) => u.id === by)?.username ?? 'a user';
  });
  protected readonly dateTime = dateTime;
  protected readonly stateClass = stateClass;
  protected readonly stateLabel = stateLabel;

  private stop: (() => void) | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const tick = setInterval(() => {
      if (this.live()) this.now.set(Date.now());
    }, 1000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(tick);
      clearTimeout(this.reopenTimer);
      this.stop?.();
    });
    effect(() => {
      const id = this.id();
      untracked(() => this.open(id));
    });
  }

  private open(id: string): void {
    this.stop?.();
    clearTimeout(this.reopenTimer);
    if (this.view()?.run.id !== id) this.view.set(null);
    this.stop = listenToRun(
      this.api.eventsUrl(id),
      (event) => this.apply(event),
      () => void this.streamEnded(id),
    );
  }

  private apply(event: CommandRunEvent): void {
    this.view.update((v) => applyRunEvent(v, event));
    this.loadError.set(null);
  }

  private async streamEnded(id: string): Promise<void> {
    this.stop = null;
    try {
      const detail = await firstValueFrom(this.api.get(id));
      if (id !== this.id()) return;
      this.view.update((v) => viewOfDetail(detail, v));
      this.loadError.set(null);
      if (detail.state === 'running') this.reopenTimer = setTimeout(() => this.open(id), REOPEN_AFTER_MS);
    } catch (e) {
      if (id !== this.id()) return;
      this.loadError.set(errorMessage(e));
    }
  }

  protected async cancel(): Promise<void> {
    const id = this.id();
    const detail = await this.runAction(
      this.api.cancel(id),
      'Cancelled: queued targets will not run; running ones are stopped.',
    );
    if (detail && id === this.id()) this.view.update((v) => viewOfDetail(detail, v));
  }
}
