import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Task } from '@hivewatch/protocol';
import { forkJoin } from 'rxjs';
import { LiveStreamService } from '../core/live-stream.service';
import { AdminTable, type RowRemoval, type TableColumn } from '../shared/admin-table/admin-table';
import { RowTemplate } from '../shared/admin-table/row-templates';
import { dateTime } from '../shared/format';
import { GroupsApi } from '../shared/groups.api';
import { resourceList } from '../shared/list/list-source';
import { namesById, orEmpty } from '../shared/list/lookup';
import { injectRunAction } from '../shared/list/run-action';
import { describeTargets, scheduleHint } from './task-summary';
import { TasksApi } from './tasks.api';

/** `/tasks`: every scheduled task with its schedule, targets, next and last run; admins only. */
@Component({
  selector: 'hw-task-list',
  imports: [RouterLink, AdminTable, RowTemplate],
  template: `
    <section class="page">
      <div class="toolbar">
        <h1>Scheduled tasks</h1>
        <a class="button primary" routerLink="new" data-testid="new-task">New task</a>
      </div>
      <hw-admin-table
        [source]="list"
        label="Scheduled tasks"
        [columns]="columns"
        emptyText="No scheduled tasks yet: a task runs a command on a schedule, like cron."
        [rowAttribute]="rowAttribute"
        actionsClass="actions hide-narrow"
        [removal]="removal"
        (removed)="remove($event)"
      >
        <ng-template hwRow="cells" [hwRowOf]="list" let-t>
          <td>
            <a [routerLink]="[t.id]"
              ><strong>{{ t.name }}</strong></a
            >
            @if (t.disabledReason) {
              <div class="stopped" role="note" data-testid="disabled-reason">
                Stopped by the hub: {{ t.disabledReason }}
              </div>
            }
          </td>
          <td>
            <code>{{ t.cron }}</code>
            <div class="muted small">{{ t.timeZone }} · {{ hint(t) }}</div>
          </td>
          <td class="hide-narrow">{{ targetsOf(t) }}</td>
          <td>{{ t.enabled && t.nextRunAt ? when(t.nextRunAt) : '—' }}</td>
          <td>
            @if (t.lastRunId) {
              <a [routerLink]="['/commands', t.lastRunId]">{{ when(t.lastRunAt) }}</a>
              <div class="muted small" data-testid="last-state">{{ t.lastRunState }}</div>
            } @else {
              <span class="muted">never</span>
            }
          </td>
          <td>
            <label class="inline">
              <input
                type="checkbox"
                [checked]="t.enabled"
                (change)="toggle(t)"
                [attr.aria-label]="'Enable ' + t.name"
              />
              {{ t.enabled ? 'on' : 'off' }}
            </label>
          </td>
        </ng-template>
        <ng-template hwRow="actions" [hwRowOf]="list" let-t>
          <button type="button" (click)="runNow(t)">Run now</button>
          <a class="button" [routerLink]="[t.id, 'edit']">Edit</a>
        </ng-template>
      </hw-admin-table>
    </section>
  `,
  styles: `
    .stopped {
      margin-top: 4px;
      color: var(--danger, #c53030);
      font-size: 12.5px;
      font-weight: 600;
    }
    code {
      white-space: nowrap;
    }
    .toolbar h1 {
      margin: 0;
      flex: 1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskList {
  private readonly api = inject(TasksApi);
  private readonly live = inject(LiveStreamService);
  private readonly run = injectRunAction();
  private readonly groupsApi = inject(GroupsApi);
  /** The tasks with the group names they refer to, read together. */
  private readonly tasks = rxResource({
    stream: () => forkJoin({ tasks: this.api.list(), groups: orEmpty(this.groupsApi.list()) }),
  });
  protected readonly list = resourceList(this.tasks, (v) => v.tasks);
  protected readonly columns: (string | TableColumn)[] = [
    'Name',
    'Schedule',
    { header: 'Targets', cls: 'hide-narrow' },
    'Next run',
    'Last run',
    'Enabled',
  ];
  protected readonly rowAttribute = ['data-task', (t: Task) => t.name] as const;
  protected readonly removal: RowRemoval<Task> = {
    title: (t) => `Delete task ${t.name}?`,
    message: 'It stops firing. Its past runs stay in the command history.',
  };
  private readonly groupName = namesById(
    computed(() => (this.tasks.hasValue() ? this.tasks.value().groups : [])),
  );
  protected readonly hint = scheduleHint;
  protected readonly when = dateTime;

  protected targetsOf(t: Task): string {
    const servers = this.live.servers();
    const groups = this.groupName();
    return describeTargets(
      t.targets,
      (id) => servers.get(id)?.name,
      (id) => groups.get(id),
    );
  }

  protected async toggle(t: Task): Promise<void> {
    const done = `${t.name} ${t.enabled ? 'disabled' : 'enabled'}.`;
    await this.run(this.api.update(t.id, { enabled: !t.enabled }), done, () => this.list.reload());
  }

  protected async runNow(t: Task): Promise<void> {
    await this.run(this.api.runNow(t.id), `${t.name} started.`, () => this.list.reload());
  }

  protected async remove(t: Task): Promise<void> {
    await this.run(this.api.remove(t.id), `Task ${t.name} deleted.`, () => this.list.reload());
  }
}
