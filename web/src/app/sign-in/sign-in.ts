import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthService } from '../core/auth.service';

@Component({
  selector: 'hw-sign-in',
  imports: [FormsModule],
  templateUrl: './sign-in.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  /** Where to go after signing in (query parameter set by the guard and the interceptor). */
  readonly next = input<string>();
  protected username = '';
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.busy() || !this.username || !this.password) return;
    this.busy.set(true);
    this.error.set(null);
    const result = await this.auth.signIn(this.username, this.password);
    this.busy.set(false);
    if (!result.ok) {
      this.error.set(result.message);
      return;
    }
    await this.router.navigateByUrl(safeNext(this.next()));
  }
}

/** Only same-console paths: never an absolute URL handed in through the query string. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}
