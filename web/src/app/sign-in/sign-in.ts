import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import type { SecondFactorLoginInput } from '@hivewatch/protocol';
import { SECURITY_PAGE } from '../core/auth.guard';
import { AuthService, type SignInResult } from '../core/auth.service';
import { SignInOptionsService, ssoErrorText, ssoStartUrl } from '../core/sign-in-options.service';

@Component({
  selector: 'hw-sign-in',
  imports: [FormsModule],
  templateUrl: './sign-in.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly signInOptions = inject(SignInOptionsService);
  /** Where to go after signing in (query parameter set by the guard and the interceptor). */
  readonly next = input<string>();
  /** The same, as the hub names it when it sends the browser back after a provider sign-in. */
  readonly returnTo = input<string>();
  /** Why a provider sign-in failed (an SsoError code). */
  readonly error = input<string>();
  /** `second-factor`: a provider sign-in needs the local second factor (challenge in a cookie). */
  readonly step = input<string>();

  protected username = '';
  protected password = '';
  protected code = '';
  protected recoveryCode = '';
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly options = this.signInOptions.options;
  protected readonly breakGlass = signal(false);
  protected readonly useRecoveryCode = signal(false);
  /** The challenge of a password sign-in's second step (undefined after a provider sign-in). */
  private readonly challenge = signal<string | undefined>(undefined);
  private readonly passwordAccepted = signal(false);
  protected readonly secondStep = computed(() => this.passwordAccepted() || this.step() === 'second-factor');
  protected readonly showLocalForm = computed(
    () => this.options()?.localSignIn !== false || this.breakGlass(),
  );
  protected readonly providerError = computed(() => ssoErrorText(this.error()));
  protected readonly destination = computed(() => safeNext(this.next() ?? this.returnTo()));

  constructor() {
    void this.signInOptions.load();
  }

  protected providerUrl(id: string): string {
    return ssoStartUrl(id, 'sign-in', this.destination());
  }

  protected async submit(): Promise<void> {
    if (this.busy() || !this.username || !this.password) return;
    await this.run(() => this.auth.signIn(this.username, this.password));
  }

  protected async submitSecondFactor(): Promise<void> {
    const challenge = this.challenge();
    const input: SecondFactorLoginInput | null = this.useRecoveryCode()
      ? this.recoveryCode.trim()
        ? { challenge, recoveryCode: this.recoveryCode }
        : null
      : this.code.trim()
        ? { challenge, code: this.code }
        : null;
    if (this.busy() || !input) return;
    if (challenge === undefined) delete input.challenge;
    await this.run(() => this.auth.completeSecondFactor(input));
  }

  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.update((on) => !on);
    this.problem.set(null);
  }

  private async run(call: () => Promise<SignInResult>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    const result = await call();
    this.busy.set(false);
    if (!result.ok) {
      this.problem.set(result.message);
      return;
    }
    if (result.step === 'second-factor') {
      this.challenge.set(result.challenge);
      this.passwordAccepted.set(true);
      this.password = '';
      return;
    }
    await this.router.navigateByUrl(result.enroll ? SECURITY_PAGE : this.destination());
  }
}

/** Only same-console paths: never an absolute URL handed in through the query string. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  if (next.includes('\\')) return '/';
  return next;
}
