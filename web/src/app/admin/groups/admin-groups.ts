import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { Group } from '../../core/hub-types';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { GroupsApi } from '../../shared/groups.api';
import { resourceList } from '../../shared/list/list-source';
import { injectRunAction } from '../../shared/list/run-action';

@Component({
  selector: 'hw-admin-groups',
  imports: [FormsModule, AdminTable, RowTemplate],
  template: `
    <div class="toolbar"><h2>Groups</h2></div>
    <form class="card form-inline" (ngSubmit)="add()" aria-label="Add group">
      <label>Name <input name="name" required maxlength="100" [(ngModel)]="name" /></label>
      <label>Description <input name="description" maxlength="500" [(ngModel)]="description" /></label>
      <button type="submit" class="primary" [disabled]="!name.trim()">Add group</button>
    </form>
    <hw-admin-table
      [source]="list"
      label="Groups"
      [columns]="columns"
      emptyText="No groups. Groups sort the overview and filter it."
      [removal]="removal"
      (removed)="remove($event)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list" let-g>
        <td>
          @if (renaming() === g.id) {
            <input
              [attr.aria-label]="'New name for ' + g.name"
              [value]="g.name"
              #n
              (keydown.enter)="rename(g, n.value)"
              (keydown.escape)="renaming.set(null)"
            />
          } @else {
            {{ g.name }}
          }
        </td>
        <td>{{ g.description || '—' }}</td>
        <td>{{ g.serverCount }}</td>
      </ng-template>
      <ng-template hwRow="actions" [hwRowOf]="list" let-g>
        <button type="button" (click)="renaming.set(g.id)">Rename</button>
      </ng-template>
    </hw-admin-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminGroups {
  private readonly api = inject(GroupsApi);
  private readonly run = injectRunAction();
  protected readonly list = resourceList(rxResource({ stream: () => this.api.list() }));
  protected name = '';
  protected description = '';
  protected readonly renaming = signal<string | null>(null);
  protected readonly columns = ['Name', 'Description', 'Servers'];
  protected readonly removal: RowRemoval<Group> = {
    title: (g) => `Delete group ${g.name}?`,
    message: 'Its servers stay, without a group.',
  };

  protected async add(): Promise<void> {
    const added = await this.run(
      this.api.create({ name: this.name.trim(), description: this.description }),
      'Group added.',
      () => this.list.reload(),
    );
    if (!added) return;
    this.name = '';
    this.description = '';
  }

  protected async rename(g: Group, name: string): Promise<void> {
    this.renaming.set(null);
    if (name.trim() && name.trim() !== g.name)
      await this.run(this.api.update(g.id, { name: name.trim() }), 'Group renamed.', () =>
        this.list.reload(),
      );
  }

  protected async remove(g: Group): Promise<void> {
    await this.run(this.api.remove(g.id), `Group ${g.name} deleted.`, () => this.list.reload());
  }
}
