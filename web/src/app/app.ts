import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AccountMenu } from './account/account-menu';
import { ActiveAlertsService } from './core/active-alerts.service';
import { AuthService } from './core/auth.service';
import { LiveStreamService } from './core/live-stream.service';
import { ThemeService } from './core/theme.service';
import { ToastService } from './core/toast.service';

@Component({
  selector: 'hw-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, AccountMenu],
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
      if (this.auth.me()) this.live.start();
      else if (this.auth.me() === null) this.live.stop();
    });
  }
}
