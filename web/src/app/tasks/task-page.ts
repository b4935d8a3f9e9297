import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { Task } from '@hivewatch/protocol';
import { LiveStreamService } from '../core/live-stream.service';
import { ConfirmButton } from '../shared/confirm-button';
import { errorMessage } from '../shared/errors';
import { dateTime } from '../shared/format';
import { GroupsApi } from '../shared/groups.api';
import { resourceList } from '../shared/list/list-source';
import { ListView } from '../shared/list/list-view';
import { lookupList, namesById } from '../shared/list/lookup';
import { injectRunAction } from '../shared/list/run-action';
import { describeCounts, describeTargets, runHasFailures, scheduleHint } from './task-summary';
import { TasksApi } from './tasks.api';

/** `/tasks/:id`: a task's settings, its switches and its run history (each run links to its page). */
@Component({
  selector: 'hw-task-page',
  imports: [RouterLink, ConfirmButton, ListView],
  templateUrl: './task-page.html',
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 6px 14px;
      margin: 0;
    }
    .facts dt {
      color: var(--muted);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    pre.command {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .stopped {
      color: var(--danger, #c53030);
      font-weight: 600;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    h1 {
      overflow-wrap: anywhere;
    }
    .head {
      margin-bottom: 12px;
    }
    .head label {
      margin-right: auto;
    }
    h2.runs {
      margin-top: 20px;
    }
    .failures {
      color: var(--danger, #c53030);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskPage {
  private readonly api = inject(TasksApi);
  private readonly live = inject(LiveStreamService);
  private readonly router = inject(Router);
  private readonly run = injectRunAction();
  readonly id = input.required<string>();

  protected readonly task = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.get(params),
  });
  private readonly runsResource = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.runs(params),
  });
  protected readonly runs = resourceList(this.runsResource);
  private readonly groupName = namesById(lookupList(inject(GroupsApi).list()));
  protected readonly when = dateTime;
  protected readonly counts = describeCounts;
  protected readonly failures = runHasFailures;
  protected readonly hint = scheduleHint;
  protected readonly loadError = computed(() => (this.task.error() ? errorMessage(this.task.error()) : null));

  protected targetsOf(t: Task): string {
    const servers = this.live.servers();
    const groups = this.groupName();
    return describeTargets(
      t.targets,
      (id) => servers.get(id)?.name,
      (id) => groups.get(id),
    );
  }

  protected seconds(ms: number): string {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
  }

  private reload(): void {
    this.task.reload();
    this.runsResource.reload();
  }

  protected async toggle(t: Task): Promise<void> {
    await this.run(
      this.api.update(t.id, { enabled: !t.enabled }),
      `${t.name} ${t.enabled ? 'disabled' : 'enabled'}.`,
      () => this.reload(),
    );
  }

  protected async runNow(t: Task): Promise<void> {
    const started = await this.run(this.api.runNow(t.id), `${t.name} started.`, () => this.reload());
    if (started) await this.router.navigate(['/commands', started.id]);
  }

  protected async remove(t: Task): Promise<void> {
    if ((await this.run(this.api.remove(t.id), `Task ${t.name} deleted.`)) !== undefined)
      await this.router.navigate(['/tasks']);
  }
}
