import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { ToastService } from '../core/toast.service';
import { errorMessage } from '../shared/errors';

@Component({
  selector: 'hw-account-page',
  imports: [FormsModule, RouterLink],
  template: `
    <section class="page narrow">
      <h1>Account</h1>
      <p class="muted">
        Signed in as <strong>{{ auth.me()?.user?.username }}</strong> ({{ auth.me()?.user?.role }}).
        <a routerLink="/account/security">Security: second factor, sign-in providers, sessions</a>
      </p>
      <form class="card" (ngSubmit)="submit()" aria-labelledby="pw-title">
        <h2 id="pw-title">Change password</h2>
        <label
          >Current password
          <input
            type="password"
            name="current"
            autocomplete="current-password"
            required
            [(ngModel)]="current"
        /></label>
        <label
          >New password (12+ characters)
          <input
            type="password"
            name="next"
            autocomplete="new-password"
            required
            minlength="12"
            [(ngModel)]="next"
        /></label>
        <label
          >Repeat new password
          <input type="password" name="repeat" autocomplete="new-password" required [(ngModel)]="repeat"
        /></label>
        @if (problem(); as p) {
          <p class="error" role="alert">{{ p }}</p>
        }
        <button type="submit" class="primary" [disabled]="busy()">Change password</button>
        <p class="muted small">Your other sessions are signed out.</p>
      </form>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly auth = inject(AuthService);
  private readonly toasts = inject(ToastService);
  protected current = '';
  protected next = '';
  protected repeat = '';
  protected readonly busy = signal(false);
  private readonly serverError = signal<string | null>(null);
  private readonly attempted = signal(0);
  protected readonly problem = computed(() => {
    this.attempted();
    return this.serverError() ?? this.localProblem();
  });

  private localProblem(): string | null {
    if (this.attempted() === 0) return null;
    if (this.next.length < 12) return 'The new password needs at least 12 characters.';
    if (this.next !== this.repeat) return 'The two new passwords differ.';
    return null;
  }

  protected async submit(): Promise<void> {
    this.serverError.set(null);
    this.attempted.update((n) => n + 1);
    if (this.localProblem()) return;
    this.busy.set(true);
    try {
      await this.auth.changePassword(this.current, this.next);
      this.toasts.success('Password changed.');
      this.current = this.next = this.repeat = '';
      this.attempted.set(0);
    } catch (e) {
      this.serverError.set(errorMessage(e));
    } finally {
      this.busy.set(false);
    }
  }
}
