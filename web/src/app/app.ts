import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ActiveAlertsService } from './core/active-alerts.service';
import { AuthService } from './core/auth.service';
import { LiveStreamService } from './core/live-stream.service';
import { type ThemeChoice, ThemeService } from './core/theme.service';
import { ToastService } from './core/toast.service';

@Component({
  selector: 'hw-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly auth = inject(AuthService);
  protected readonly alerts = inject(ActiveAlertsService);
  protected readonly live = inject(LiveStreamService);
  protected readonly theme = inject(ThemeService);
  protected readonly toasts = inject(ToastService);
  private readonly router = inject(Router);
  protected readonly menuOpen = signal(false);

  constructor() {
    effect(() => {
      if (this.auth.me()) this.live.start();
      else if (this.auth.me() === null) this.live.stop();
    });
  }

  protected setTheme(value: string): void {
    this.theme.set(value as ThemeChoice);
  }

  protected async signOut(): Promise<void> {
    this.menuOpen.set(false);
    await this.auth.signOut();
    await this.router.navigate(['/sign-in']);
  }
}
