import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { AuthService } from '../../core/auth.service';
import type { User, UserRole } from '../../core/hub-types';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { ago } from '../../shared/format';
import { resourceList } from '../../shared/list/list-source';
import { injectRunAction } from '../../shared/list/run-action';
import { UsersApi } from './users.api';

@Component({
  selector: 'hw-admin-users',
  imports: [FormsModule, AdminTable, RowTemplate],
  template: `
    <div class="toolbar"><h2>Users</h2></div>
    <form class="card form-grid" (ngSubmit)="add()" aria-label="Add user">
      <label
        >Username <input name="username" required pattern="[a-zA-Z0-9._-]{1,64}" [(ngModel)]="username"
      /></label>
      <label
        >Password (12+ characters)
        <input
          name="password"
          type="password"
          autocomplete="new-password"
          minlength="12"
          required
          [(ngModel)]="password"
      /></label>
      <label>
        Role
        <select name="role" [(ngModel)]="role">
          <option value="user">User (read-only)</option>
          <option value="admin">Administrator</option>
        </select>
      </label>
      <button type="submit" class="primary" [disabled]="!username || password.length < 12">Add user</button>
    </form>
    <hw-admin-table
      [source]="list"
      label="Users"
      [columns]="columns"
      emptyText="No users."
      [removal]="removal"
      (removed)="remove($event)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list" let-u>
        <td>{{ u.username }}</td>
        <td>
          <select
            [attr.aria-label]="'Role of ' + u.username"
            [value]="u.role"
            [disabled]="u.id === me()"
            (change)="setRole(u, $any($event.target).value)"
          >
            <option value="user">user</option>
            <option value="admin">admin</option>
          </select>
        </td>
        <td>{{ u.disabled ? 'disabled' : 'active' }}</td>
        <td class="last-sign-in">{{ ago(u.lastLoginAt) }}</td>
      </ng-template>
      <ng-template hwRow="actions" [hwRowOf]="list" let-u>
        <button
          type="button"
          [attr.aria-label]="'Unlock sign-in of ' + u.username"
          title="Forget failed sign-ins: ends the delay an attack put on this account"
          (click)="unlock(u)"
        >
          Unlock
        </button>
        @if (u.id !== me()) {
          <button type="button" (click)="toggle(u)">{{ u.disabled ? 'Enable' : 'Disable' }}</button>
        }
      </ng-template>
    </hw-admin-table>
  `,
  // at phone width the last sign-in gives way, so the actions column stays in view (its heading is
  // drawn by hw-admin-table, hence ::ng-deep below this screen's host)
  styles: `
    @media (max-width: 480px) {
      :host ::ng-deep .last-sign-in {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUsers {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthService);
  private readonly run = injectRunAction();
  protected readonly list = resourceList(rxResource({ stream: () => this.api.list() }));
  protected readonly ago = ago;
  protected username = '';
  protected password = '';
  protected role: UserRole = 'user';
  protected readonly columns = ['Username', 'Role', 'State', { header: 'Last sign-in', cls: 'last-sign-in' }];
  protected readonly removal: RowRemoval<User> = {
    title: (u) => `Delete ${u.username}?`,
    message: 'Their sessions and API keys stop working at once.',
    when: (u) => u.id !== this.me(),
  };

  protected me(): string | undefined {
    return this.auth.me()?.user.id;
  }

  protected async add(): Promise<void> {
    const body = { username: this.username, password: this.password, role: this.role };
    if (await this.run(this.api.create(body), 'User added.', this.reload)) {
      this.username = '';
      this.password = '';
    }
  }
  protected async setRole(u: User, role: UserRole): Promise<void> {
    await this.run(this.api.update(u.id, { role }), `${u.username} is now ${role}.`, this.reload);
  }
  protected async toggle(u: User): Promise<void> {
    const done = `${u.username} ${u.disabled ? 'enabled' : 'disabled'}.`;
    await this.run(this.api.update(u.id, { disabled: !u.disabled }), done, this.reload);
  }
  protected async unlock(u: User): Promise<void> {
    const done = (r: { failuresCleared: number }) =>
      r.failuresCleared === 0
        ? `${u.username} had no recent failed sign-ins.`
        : `${r.failuresCleared} failed sign-in${r.failuresCleared === 1 ? '' : 's'} of ${u.username} forgotten.`;
    await this.run(this.api.unlock(u.id), done);
  }
  protected async remove(u: User): Promise<void> {
    await this.run(this.api.remove(u.id), `${u.username} deleted.`, this.reload);
  }

  /** After any change, worked or not: a refused role change puts the select back. */
  private readonly reload = () => this.list.reload();
}
