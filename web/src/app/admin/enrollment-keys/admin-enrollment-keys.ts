import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { EnrollmentKey } from '../../core/hub-types';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { ago, dateTime } from '../../shared/format';
import { GroupsApi } from '../../shared/groups.api';
import { resourceList } from '../../shared/list/list-source';
import { lookupList } from '../../shared/list/lookup';
import { injectRunAction } from '../../shared/list/run-action';
import { SecretPanel, type SecretBlock } from '../../shared/secret-panel';
import { parseTags } from '../../shared/tags';
import { consoleHubUrl, enrollBlocks } from '../servers/install-snippets';
import { EnrollmentKeysApi } from './enrollment-keys.api';

@Component({
  selector: 'hw-admin-enrollment-keys',
  imports: [FormsModule, SecretPanel, AdminTable, RowTemplate],
  template: `
    @if (issued(); as blocks) {
      <hw-secret-panel title="Enrollment key created" [blocks]="blocks" (dismissed)="issued.set(null)" />
    }
    <div class="toolbar"><h2>Enrollment keys</h2></div>
    <p class="muted">
      One key enrolls a fleet: run the agent command as root on each host (or the .deb, or the Ansible play)
      and each agent gets its own server. It installs the agent from this hub and writes the key to
      <code>/etc/hivewatch/enrollment.key</code> (mode 0600), so the key never shows in the process list; the
      agent keeps its own credentials in <code>/var/lib/hivewatch-agent</code>. Give the key a use limit and
      an expiry for a rollout.
    </p>
    <form class="card form-grid" (ngSubmit)="add()" aria-label="New enrollment key">
      <label>Name <input name="name" required maxlength="100" [(ngModel)]="name" /></label>
      <label
        >Maximum uses
        <input name="maxUses" type="number" min="1" [(ngModel)]="maxUses" placeholder="unlimited"
      /></label>
      <label>Expires <input name="expires" type="datetime-local" [(ngModel)]="expires" /></label>
      <label>
        Group
        <select name="group" [(ngModel)]="groupId">
          <option value="">No group</option>
          @for (g of groups(); track g.id) {
            <option [value]="g.id">{{ g.name }}</option>
          }
        </select>
      </label>
      <label>Tags <input name="tags" [(ngModel)]="tags" /></label>
      <button type="submit" class="primary" [disabled]="!name.trim()">Create key</button>
    </form>
    <hw-admin-table
      [source]="list"
      label="Enrollment keys"
      [columns]="columns"
      emptyText="No enrollment keys."
      actionsHeader=""
      actionsClass=""
      [removal]="removal"
      (removed)="revoke($event)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list" let-k>
        <td>{{ k.name }}</td>
        <td>
          <code>{{ k.prefix }}…</code>
        </td>
        <td>
          <span class="badge" [class.on]="k.status === 'active'">{{ k.status }}</span>
        </td>
        <td>{{ k.uses }}{{ k.maxUses ? ' / ' + k.maxUses : '' }}</td>
        <td>{{ k.expiresAt ? dateTime(k.expiresAt) : 'never' }}</td>
        <td>{{ ago(k.lastUsedAt) }}</td>
      </ng-template>
    </hw-admin-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminEnrollmentKeys {
  private readonly api = inject(EnrollmentKeysApi);
  private readonly run = injectRunAction();
  protected readonly keys = rxResource({ stream: () => this.api.list() });
  private readonly install = rxResource({ stream: () => this.api.installInfo() });
  protected readonly list = resourceList(this.keys);
  protected readonly groups = lookupList(inject(GroupsApi).list());
  protected readonly issued = signal<SecretBlock[] | null>(null);
  protected readonly ago = ago;
  protected readonly dateTime = dateTime;
  protected readonly columns = ['Name', 'Prefix', 'Status', 'Uses', 'Expires', 'Last used'];
  protected readonly removal: RowRemoval<EnrollmentKey> = {
    label: 'Revoke',
    title: (k) => `Revoke ${k.name}?`,
    message: 'Agents can no longer enroll with it; servers already enrolled keep working.',
    when: (k) => k.status === 'active',
  };
  protected name = '';
  protected maxUses: number | null = null;
  protected expires = '';
  protected groupId = '';
  protected tags = '';

  protected async add(): Promise<void> {
    const created = await this.run(
      this.api.create({
        name: this.name.trim(),
        maxUses: this.maxUses || null,
        expiresAt: this.expires ? new Date(this.expires).toISOString() : null,
        groupId: this.groupId || null,
        tags: parseTags(this.tags),
      }),
      'Enrollment key created.',
      () => this.list.reload(),
    );
    if (!created) return;
    // The hub's public URL when it has one, else the address this console was opened at.
    const hubUrl = this.install.value()?.hubUrl ?? consoleHubUrl(location);
    this.issued.set(enrollBlocks(hubUrl, created.key));
    this.name = '';
  }

  protected async revoke(k: EnrollmentKey): Promise<void> {
    await this.run(this.api.revoke(k.id), `${k.name} revoked.`, () => this.list.reload());
  }
}
