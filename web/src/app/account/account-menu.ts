import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { type ThemeChoice, ThemeService } from '../core/theme.service';

/**
 * The signed-in user's menu in the top bar: password, security, theme, sign out. Closes on Escape (wherever
 * the focus is, handing it back to the toggle) and on a click or focus outside it.
 */
@Component({
  selector: 'hw-account-menu',
  imports: [RouterLink],
  host: {
    class: 'account',
    '(document:keydown.escape)': 'closeWithEscape()',
    '(document:pointerdown)': 'closeIfOutside($event)',
    '(document:focusin)': 'closeIfOutside($event)',
  },
  template: `
    <button
      #toggle
      type="button"
      class="ghost"
      aria-haspopup="menu"
      [attr.aria-expanded]="open()"
      (click)="open.set(!open())"
      data-testid="account-menu"
    >
      {{ username() }} ▾
    </button>
    @if (open()) {
      <div class="menu" role="menu">
        <a role="menuitem" routerLink="/account" (click)="open.set(false)">Change password</a>
        <a role="menuitem" routerLink="/account/security" (click)="open.set(false)">Security</a>
        <label class="menu-theme">
          Theme
          <select [value]="theme.choice()" (change)="setTheme($event)">
            <option value="system">System</option>
            <option value="dark">Dark</option>
            <option value="light">Light</option>
          </select>
        </label>
        <button type="button" role="menuitem" class="ghost" (click)="signOut()">Sign out</button>
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountMenu {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly toggle = viewChild.required<ElementRef<HTMLButtonElement>>('toggle');
  protected readonly theme = inject(ThemeService);
  readonly username = input.required<string>();
  protected readonly open = signal(false);

  protected closeWithEscape(): void {
    if (!this.open()) return;
    this.open.set(false);
    this.toggle().nativeElement.focus();
  }

  protected closeIfOutside(event: Event): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node | null)) this.open.set(false);
  }

  protected setTheme(event: Event): void {
    this.theme.set((event.target as HTMLSelectElement).value as ThemeChoice);
  }

  protected async signOut(): Promise<void> {
    this.open.set(false);
    const providerLogout = await this.auth.signOut();
    // the provider's own sign-out page (RP-initiated logout): it sends the browser back afterwards
    if (providerLogout) window.location.assign(providerLogout);
    else await this.router.navigate(['/sign-in']);
  }
}
