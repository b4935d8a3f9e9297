import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import type { AlertRule } from '../../core/hub-types';
import { LiveStreamService } from '../../core/live-stream.service';
import { NotificationsApi } from '../../notifications/notifications.api';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { GroupsApi } from '../../shared/groups.api';
import { resourceList } from '../../shared/list/list-source';
import { namesById, orEmpty } from '../../shared/list/lookup';
import { injectRunAction } from '../../shared/list/run-action';
import { AlertsApi } from '../alerts.api';
import { describeCondition, describeScope, describeTrigger } from './rule-summary';

/** Alert rules: everyone reads them; administrators add, edit, switch and delete. */
@Component({
  selector: 'hw-rule-list',
  imports: [RouterLink, AdminTable, RowTemplate],
  template: `
    <div class="toolbar">
      <h2>Alert rules</h2>
      @if (auth.canAdminister()) {
        <a class="button primary" routerLink="new" data-testid="new-rule">New rule</a>
      }
    </div>
    <hw-admin-table
      [source]="list"
      label="Alert rules"
      [columns]="columns"
      emptyText="No alert rules yet."
      [actions]="auth.canAdminister()"
      [rowAttribute]="rowAttribute"
      [removal]="removal"
      (removed)="remove($event)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list" let-r>
        <td>
          <strong>{{ r.name }}</strong>
          <span class="badge" [class]="'badge sev-' + r.severity">{{ r.severity }}</span>
          @if (r.origin === 'default') {
            <span
              class="badge origin-default"
              data-testid="default-rule"
              title="Created by the hub on its first start: edit or delete it like any rule"
              >default</span
            >
          }
        </td>
        <td>
          @for (c of r.conditions; track $index) {
            <div>{{ describe(c) }}</div>
          }
        </td>
        <td>{{ scopeOf(r) }}</td>
        <td>
          {{ notifies(r) }}
          <div class="muted small">{{ trigger(r) }}</div>
          @if (r.silence) {
            <div class="muted small">silent {{ r.silence.start }}–{{ r.silence.end }} UTC</div>
          }
        </td>
        <td>
          @if (auth.canAdminister()) {
            <label class="inline">
              <input
                type="checkbox"
                [checked]="r.enabled"
                (change)="toggle(r)"
                [attr.aria-label]="'Enable ' + r.name"
              />
              {{ r.enabled ? 'on' : 'off' }}
            </label>
          } @else {
            {{ r.enabled ? 'on' : 'off' }}
          }
        </td>
      </ng-template>
      <ng-template hwRow="actions" [hwRowOf]="list" let-r>
        <a class="button" [routerLink]="[r.id]">Edit</a>
      </ng-template>
    </hw-admin-table>
  `,
  styles: `
    .badge.origin-default {
      margin-left: 4px;
      background: transparent;
      color: var(--muted);
      border: 1px solid var(--border);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RuleList {
  private readonly api = inject(AlertsApi);
  private readonly live = inject(LiveStreamService);
  private readonly run = injectRunAction();
  protected readonly auth = inject(AuthService);
  private readonly groups = inject(GroupsApi);
  private readonly notificationGroups = inject(NotificationsApi);
  /** The rules with the names they refer to, read together: no row shows before its names. */
  private readonly rules = rxResource({
    stream: () =>
      forkJoin({
        rules: this.api.rules(),
        groups: orEmpty(this.groups.list()),
        notificationGroups: orEmpty(this.notificationGroups.groups()),
      }),
  });
  protected readonly list = resourceList(this.rules, (v) => v.rules);
  protected readonly columns = ['Name', 'Conditions (all hold)', 'Servers', 'Notify', 'State'];
  protected readonly rowAttribute = ['data-rule', (r: AlertRule) => r.name] as const;
  protected readonly removal: RowRemoval<AlertRule> = {
    title: (r) => `Delete rule ${r.name}?`,
    message: 'Its firing alerts resolve, with a resolution notice.',
  };
  private readonly groupName = namesById(
    computed(() => (this.rules.hasValue() ? this.rules.value().groups : [])),
  );
  private readonly notificationGroupName = namesById(
    computed(() => (this.rules.hasValue() ? this.rules.value().notificationGroups : [])),
  );
  protected readonly describe = describeCondition;
  protected readonly trigger = describeTrigger;

  protected notifies(r: AlertRule): string {
    if (!r.notificationGroupId)
      return r.origin === 'default' ? 'console only (pick a group)' : 'console only';
    return this.notificationGroupName().get(r.notificationGroupId) ?? 'a deleted group (nobody)';
  }

  protected scopeOf(r: AlertRule): string {
    const servers = this.live.servers();
    const groups = this.groupName();
    return describeScope(
      r.scope,
      (id) => servers.get(id)?.name,
      (id) => groups.get(id),
    );
  }

  protected async toggle(r: AlertRule): Promise<void> {
    const done = `${r.name} ${r.enabled ? 'disabled' : 'enabled'}.`;
    await this.run(this.api.updateRule(r.id, { enabled: !r.enabled }), done, () => this.list.reload());
  }

  protected async remove(r: AlertRule): Promise<void> {
    await this.run(this.api.removeRule(r.id), `Rule ${r.name} deleted.`, () => this.list.reload());
  }
}
