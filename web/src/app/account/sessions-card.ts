import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { Router } from '@angular/router';
import type { AccountSecurity, AccountSession } from '@hivewatch/protocol';
import { AuthService } from '../core/auth.service';
import { SignInOptionsService } from '../core/sign-in-options.service';
import { ToastService } from '../core/toast.service';
import { ConfirmButton } from '../shared/confirm-button';
import { errorMessage } from '../shared/errors';
import { ago } from '../shared/format';
import { injectRunAction } from '../shared/list/run-action';
import { SecurityApi } from './security.api';

/** Account → Security: where the account is signed in (sign out one, or everywhere). */
@Component({
  selector: 'hw-sessions-card',
  imports: [ConfirmButton],
  template: `
    <section class="card" aria-labelledby="sessions-title" data-testid="sessions">
      <h2 id="sessions-title">Active sessions</h2>
      <ul class="row-list">
        @for (s of security().sessions; track s.id) {
          <li [attr.data-session]="s.id">
            <div>
              <strong>{{ method(s) }}</strong> from {{ s.ip ?? 'an unknown address' }}
              @if (s.current) {
                <span class="badge">this browser</span>
              }
              <div class="muted small">
                {{ s.userAgent ? s.userAgent + ' · ' : '' }}last seen {{ ago(s.lastSeenAt) }}
              </div>
            </div>
            @if (!s.current) {
              <button type="button" (click)="revoke(s)">Sign out</button>
            }
          </li>
        }
      </ul>
      <div class="actions">
        <hw-confirm-button
          label="Sign out everywhere"
          title="Sign out everywhere?"
          message="Every session of your account ends, this one included, and its access tokens stop working."
          (confirmed)="signOutEverywhere()"
        />
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsCard {
  private readonly api = inject(SecurityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly toasts = inject(ToastService);
  private readonly options = inject(SignInOptionsService);
  private readonly run = injectRunAction();
  readonly security = input.required<AccountSecurity>();
  readonly changed = output<void>();
  protected readonly ago = ago;

  constructor() {
    void this.options.load();
  }

  /** How the session signed in, in words. */
  protected method(s: AccountSession): string {
    if (s.method.startsWith('sso:')) {
      const id = s.method.slice(4);
      return `Signed in with ${this.options.provider(id)?.displayName ?? id}`;
    }
    if (s.method === 'totp') return 'Password and code';
    if (s.method === 'recovery-code') return 'Password and recovery code';
    return 'Password';
  }

  protected async revoke(s: AccountSession): Promise<void> {
    await this.run(this.api.revokeSession(s.id), 'Session signed out.', () => this.changed.emit());
  }

  protected async signOutEverywhere(): Promise<void> {
    try {
      await this.auth.signOutEverywhere();
      await this.router.navigate(['/sign-in']);
    } catch (err) {
      this.toasts.error(errorMessage(err));
    }
  }
}
