import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { Server, ServerWithToken } from '../../core/hub-types';
import { ToastService } from '../../core/toast.service';
import { ConfirmButton } from '../../shared/confirm-button';
import { errorMessage } from '../../shared/errors';
import { ago } from '../../shared/format';
import { GroupsApi } from '../../shared/groups.api';
import { resourceList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { lookupList, namesById } from '../../shared/list/lookup';
import { injectRunAction } from '../../shared/list/run-action';
import { parseTags } from '../../shared/tags';
import { SecretPanel, type SecretBlock } from '../../shared/secret-panel';
import { ansibleSnippet } from './install-snippets';
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
  imports: [FormsModule, RouterLink, ConfirmButton, SecretPanel, ListView],
  templateUrl: './admin-servers.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminServers {
  private readonly api = inject(ServersAdminApi);
  private readonly toasts = inject(ToastService);
  private readonly run = injectRunAction();
  protected readonly ago = ago;
  protected readonly list = resourceList(rxResource({ stream: () => this.api.list() }), (page) => page.items);
  protected readonly groups = lookupList(inject(GroupsApi).list());
  protected readonly groupName = namesById(this.groups);

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

  private showToken(title: string, t: ServerWithToken): void {
    this.issued.set({
      title,
      blocks: [
        { label: 'Agent token', value: t.token },
        { label: 'Agent command', value: t.agentCommand },
        { label: 'Ansible', value: ansibleSnippet(t.agentCommand, t.token, t.server.name) },
      ],
    });
  }
}
