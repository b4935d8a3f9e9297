import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { ApiKey } from '../../core/hub-types';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import type { ApiKeyScope } from '@hivewatch/protocol';
import { ago, dateTime } from '../../shared/format';
import { resourceList } from '../../shared/list/list-source';
import { injectRunAction } from '../../shared/list/run-action';
import { SecretPanel, type SecretBlock } from '../../shared/secret-panel';
import { ApiKeysApi } from './api-keys.api';

/** What each scope lets a key do (access-policy.ts, step-up.guard.ts). */
export const SCOPE_HELP: Record<ApiKeyScope, string> = {
  read: 'read: can only read (GET requests).',
  admin: 'admin: can change what you can change, except dangerous actions (those need step-up).',
  ops: 'ops: can also restart services, open terminals, run commands — needs step-up to create.',
};

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
          <option value="ops">ops</option>
        </select>
      </label>
      <p class="muted small wide" data-testid="scope-help">{{ scopeHelp[scope] }}</p>
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
        <td>
          <span class="badge" [class.sev-warning]="k.scope === 'ops'" [title]="scopeHelp[k.scope]">{{
            k.scope
          }}</span>
        </td>
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
  protected scope: ApiKeyScope = 'read';
  protected readonly scopeHelp = SCOPE_HELP;
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
    this.issued.set([{ label: `API key (scope ${created.scope})`, value: created.key }]);
    this.name = '';
  }

  protected async revoke(k: ApiKey): Promise<void> {
    await this.run(this.api.revoke(k.id), `${k.name} revoked.`, () => this.list.reload());
  }
}
