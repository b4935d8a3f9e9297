import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { errorMessage } from '../shared/errors';
import { IdentitiesCard } from './identities-card';
import { SecondFactorCard } from './second-factor-card';
import { SecurityApi } from './security.api';
import { SessionsCard } from './sessions-card';

/** Account → Security: second factor, linked identities, active sessions. */
@Component({
  selector: 'hw-security-page',
  imports: [RouterLink, SecondFactorCard, IdentitiesCard, SessionsCard],
  template: `
    <section class="page narrow security-page">
      <h1>Security</h1>
      <p class="muted small"><a routerLink="/account">Account</a> › Security</p>
      @if (auth.me()?.mustEnrollSecondFactor) {
        <p class="notice" role="status" data-testid="must-enroll">
          An administrator requires a second factor for your account. Set up an authenticator app below; the
          rest of Hivewatch opens once it is on.
        </p>
      }
      @if (overview.value(); as s) {
        <hw-second-factor-card [security]="s" (changed)="refresh()" />
        <hw-identities-card [security]="s" (changed)="refresh()" />
        <hw-sessions-card [security]="s" (changed)="refresh()" />
      } @else if (overview.error()) {
        <p class="error" role="alert">{{ error() }}</p>
      } @else {
        <p class="muted">Loading…</p>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecurityPage {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(SecurityApi);
  protected readonly overview = rxResource({ stream: () => this.api.overview() });

  protected error(): string {
    return errorMessage(this.overview.error());
  }

  /** After a change: the overview, and who I am (an enrollment lifts the must-enroll hold). */
  protected refresh(): void {
    this.overview.reload();
    if (this.auth.me()?.mustEnrollSecondFactor) void this.auth.reload();
  }
}
