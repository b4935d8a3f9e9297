import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { Server, ServerWithToken } from '../../core/hub-types';
import { ToastService } from '../../core/toast.service';
import { AdminTable, type RowRemoval, type TableColumn } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { ConfirmButton } from '../../shared/confirm-button';
import { errorMessage } from '../../shared/errors';
import { ago, dateTime } from '../../shared/format';
import { GroupsApi } from '../../shared/groups.api';
import { resourceList } from '../../shared/list/list-source';
import { lookupList, namesById } from '../../shared/list/lookup';
import { injectRunAction } from '../../shared/list/run-action';
import { parseTags } from '../../shared/tags';
import { SecretPanel, type SecretBlock } from '../../shared/secret-panel';
import { ansibleSnippet, debCommand, hubUrlOf } from './install-snippets';
import { NameLength, nameFits } from './name-length';
import { ServersAdminApi } from './servers-admin.api';

interface Draft {
  name: string;
  groupId: string;
  tags: string;
  notes: string;
}

const emptyDraft = (): Draft => ({ name: '', groupId: '', tags: '', notes: '' });

@Component({
  selector: 'hw-admin-servers',
  imports: [FormsModule, RouterLink, ConfirmButton, SecretPanel, NameLength, AdminTable, RowTemplate],
  templateUrl: './admin-servers.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminServers {
  private readonly api = inject(ServersAdminApi);
  private readonly toasts = inject(ToastService);
  private readonly run = injectRunAction();
  protected readonly dateTime = dateTime;
  protected readonly nameFits = nameFits;
  protected readonly list = resourceList(rxResource({ stream: () => this.api.list() }), (page) => page.items);
  protected readonly groups = lookupList(inject(GroupsApi).list());
  protected readonly groupName = namesById(this.groups);
  protected readonly columns: TableColumn[] = [
    { header: 'Name' },
    { header: 'Group', cls: 'hide-narrow' },
    { header: 'Tags', cls: 'hide-narrow' },
    { header: 'Token', cls: 'hide-narrow' },
    { header: 'State' },
  ];
  protected readonly rowAttribute = ['data-server', (s: Server) => s.name] as const;
  protected readonly removal: RowRemoval<Server> = {
    title: (s) => `Delete ${s.name}?`,
    message: 'Its history is deleted and its agent is cut off. This cannot be undone.',
  };

  protected readonly adding = signal(false);
  protected draft: Draft = emptyDraft();
  protected readonly editing = signal<string | null>(null);
  protected edit: Draft = emptyDraft();
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** The token of a just-created or rotated server: shown once, never fetched again. */
  protected readonly issued = signal<{ title: string; blocks: SecretBlock[] } | null>(null);

  protected async add(): Promise<void> {
    this.busy.set(true);
    this.formError.set(null);
    try {
      const d = this.draft;
      const created = await firstValueFrom(
        this.api.create({
          name: d.name.trim(),
          groupId: d.groupId || null,
          tags: parseTags(d.tags),
          notes: d.notes,
        }),
      );
      this.showToken(`Server ${created.server.name} added`, created);
      this.adding.set(false);
      this.draft = emptyDraft();
      this.list.reload();
    } catch (err) {
      this.formError.set(errorMessage(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected startEdit(s: Server): void {
    this.edit = { name: s.name, groupId: s.groupId ?? '', tags: s.tags.join(', '), notes: s.notes };
    this.formError.set(null);
    this.editing.set(s.id);
  }

  protected async saveEdit(id: string): Promise<void> {
    this.busy.set(true);
    this.formError.set(null);
    try {
      await firstValueFrom(
        this.api.update(id, {
          name: this.edit.name.trim(),
          groupId: this.edit.groupId || null,
          tags: parseTags(this.edit.tags),
          notes: this.edit.notes,
        }),
      );
      this.toasts.success('Server saved.');
      this.editing.set(null);
      this.list.reload();
    } catch (err) {
      this.formError.set(errorMessage(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected async rotate(s: Server): Promise<void> {
    const done = 'Token replaced; the old one no longer works.';
    const rotated = await this.run(this.api.rotateToken(s.id), done, () => this.list.reload());
    if (rotated) this.showToken(`New token for ${s.name}`, rotated);
  }

  protected async remove(s: Server): Promise<void> {
    await this.run(this.api.remove(s.id), `${s.name} deleted.`, () => this.list.reload());
  }

  /** "last seen 5 s ago" while online, "since 14:02 (3 h ago)" when gone, or "never connected". */
  protected presence(s: Server): string {
    if (!s.lastSeenAt) return 'never connected';
    if (s.online) return `last seen ${ago(s.lastSeenAt)}`;
    const since = s.offlineSince ?? s.lastSeenAt;
    return `since ${dateTime(since)} (${ago(since)})`;
  }

  /** The API's install command (built from the hub's public URL), the .deb and the Ansible play. */
  private showToken(title: string, t: ServerWithToken): void {
    const hub = hubUrlOf(t.agentCommand);
    const credentials = { agentId: t.server.id, token: t.token };
    this.issued.set({
      title,
      blocks: [
        { label: 'Agent token', value: t.token },
        { label: 'Agent command', value: t.agentCommand },
        { label: 'Or the .deb (Debian, Ubuntu)', value: debCommand(hub, credentials) },
        { label: 'Ansible', value: ansibleSnippet(hub, credentials, t.server.name) },
      ],
    });
  }
}
