import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { ApiKey } from '../../core/hub-types';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { ago, dateTime } from '../../shared/format';
import { resourceList } from '../../shared/list/list-source';
import { injectRunAction } from '../../shared/list/run-action';
import { SecretPanel, type SecretBlock } from '../../shared/secret-panel';
import { ApiKeysApi } from './api-keys.api';

@Component({
  selector: 'hw-admin-api-keys',
  imports: [FormsModule, SecretPanel, AdminTable, RowTemplate],
  template: `
    @if (issued(); as blocks) {
      <hw-secret-panel title="API key created" [blocks]="blocks" (dismissed)="issued.set(null)" />
    }
    <div class="toolbar">
      <h2>API keys</h2>
      <label class="inline"
        ><input type="checkbox" [checked]="all()" (change)="all.set(!all())" /> Everyone's keys</label
      >
    </div>
    <form class="card form-grid" (ngSubmit)="add()" aria-label="New API key">
      <label>Name <input name="name" required maxlength="100" [(ngModel)]="name" /></label>
      <label>
        Scope
        <select name="scope" [(ngModel)]="scope">
          <option value="read">read</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <label>Expires <input name="expires" type="datetime-local" [(ngModel)]="expires" /></label>
      <button type="submit" class="primary" [disabled]="!name.trim()">Create key</button>
    </form>
    <hw-admin-table
      [source]="list"
      label="API keys"
      [columns]="columns"
      emptyText="No API keys."
      actionsHeader=""
      actionsClass=""
      [removal]="removal"
      (removed)="revoke($event)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list" let-k>
        <td>{{ k.name }}</td>
        <td>{{ k.scope }}</td>
        <td>
          <code>{{ k.prefix }}…</code>
        </td>
        <td>{{ k.expiresAt ? dateTime(k.expiresAt) : 'never' }}</td>
        <td>{{ ago(k.lastUsedAt) }}</td>
        <td>{{ k.revokedAt ? 'revoked' : 'active' }}</td>
      </ng-template>
    </hw-admin-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminApiKeys {
  private readonly api = inject(ApiKeysApi);
  private readonly run = injectRunAction();
  protected readonly all = signal(false);
  protected readonly keys = rxResource({
    params: () => this.all(),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly list = resourceList(this.keys);
  protected readonly issued = signal<SecretBlock[] | null>(null);
  protected readonly ago = ago;
  protected readonly dateTime = dateTime;
  protected readonly columns = ['Name', 'Scope', 'Prefix', 'Expires', 'Last used', 'State'];
  protected readonly removal: RowRemoval<ApiKey> = {
    label: 'Revoke',
    title: (k) => `Revoke ${k.name}?`,
    message: 'Scripts using it are refused from now on.',
    when: (k) => !k.revokedAt,
  };
  protected name = '';
  protected scope: 'read' | 'admin' = 'read';
  protected expires = '';

  protected async add(): Promise<void> {
    const created = await this.run(
      this.api.create({
        name: this.name.trim(),
        scope: this.scope,
        ...(this.expires ? { expiresAt: new Date(this.expires).toISOString() } : {}),
      }),
      'API key created.',
      () => this.list.reload(),
    );
    if (!created) return;
    this.issued.set([{ label: 'API key', value: created.key }]);
    this.name = '';
  }

  protected async revoke(k: ApiKey): Promise<void> {
    await this.run(this.api.revoke(k.id), `${k.name} revoked.`, () => this.list.reload());
  }
}
