import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { ActivatedRoute, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AccountMenu } from './account/account-menu';
import { ActiveAlertsService } from './core/active-alerts.service';
import { AuthService } from './core/auth.service';
import { LiveStreamService } from './core/live-stream.service';
import { ThemeService } from './core/theme.service';
import { ssoErrorText } from './core/sign-in-options.service';
import { ToastService } from './core/toast.service';
import { StepUpDialog } from './shared/step-up-dialog';

@Component({
  selector: 'hw-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, AccountMenu, StepUpDialog],
  templateUrl: './app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly auth = inject(AuthService);
  protected readonly alerts = inject(ActiveAlertsService);
  protected readonly live = inject(LiveStreamService);
  protected readonly toasts = inject(ToastService);

  constructor() {
    inject(ThemeService); // applies the remembered theme from the first page on, signed in or not
    effect(() => {
      const me = this.auth.me();
      // a session that must enroll a second factor may do nothing else: no live stream yet
      if (me && !me.mustEnrollSecondFactor) this.live.start();
      else if (me !== undefined) this.live.stop();
    });
    this.reportProviderErrors();
  }

  /** A link or step-up round trip that failed comes back with `?ssoError=<code>`: say why, once. */
  private reportProviderErrors(): void {
    const router = inject(Router);
    const route = inject(ActivatedRoute);
    route.queryParamMap.subscribe((params) => {
      const text = ssoErrorText(params.get('ssoError'));
      if (!text) return;
      this.toasts.error(text);
      void router.navigate([], {
        queryParams: { ssoError: null },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    });
  }
}
