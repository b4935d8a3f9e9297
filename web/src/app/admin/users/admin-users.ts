import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { AuthService } from '../../core/auth.service';
import type { User, UserRole } from '../../core/hub-types';
import { ConfirmButton } from '../../shared/confirm-button';
import { ago } from '../../shared/format';
import { resourceList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { injectRunAction } from '../../shared/list/run-action';
import { UsersApi } from './users.api';

@Component({
  selector: 'hw-admin-users',
  imports: [FormsModule, ConfirmButton, ListView],
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
    <hw-list-view [source]="list" emptyText="No users.">
      <div class="scroll-x">
        <table class="grid" aria-label="Users">
          <thead>
            <tr>
              <th>Username</th>
              <th>Role</th>
              <th>State</th>
              <th class="last-sign-in">Last sign-in</th>
              <th><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (u of list.items(); track u.id) {
              <tr>
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
                <td class="actions">
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
                    <hw-confirm-button
                      label="Delete"
                      [title]="'Delete ' + u.username + '?'"
                      message="Their sessions and API keys stop working at once."
                      (confirmed)="remove(u)"
                    />
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </hw-list-view>
  `,
  // at phone width the last sign-in gives way, so the actions column stays in view
  styles: `
    @media (max-width: 480px) {
      .last-sign-in {
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
