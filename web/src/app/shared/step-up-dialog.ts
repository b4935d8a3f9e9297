import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import type { StepUpInput } from '@hivewatch/protocol';
import { SignInOptionsService, ssoStartUrl } from '../core/sign-in-options.service';
import { StepUpService } from '../core/step-up.service';
import { errorMessage } from './errors';
import { Modal, modalId } from './modal';

/**
 * "Confirm it's you": shown by the step-up interceptor when the hub wants a fresh proof of identity
 * (a TOTP code, the password for users without one, or a provider re-authentication).
 */
@Component({
  selector: 'hw-step-up-dialog',
  imports: [FormsModule, Modal],
  template: `
    @if (stepUp.pending(); as required) {
      <hw-modal [labelledBy]="titleId" [describedBy]="textId" (dismissed)="cancel()">
        <form (ngSubmit)="submit()" data-testid="step-up-dialog">
          <h2 [id]="titleId">Confirm it's you</h2>
          <p [id]="textId">
            This action can change your servers, so Hivewatch asks for a fresh proof of identity. It lasts
            {{ minutes() }} for further actions.
          </p>
          @if (usesTotp()) {
            <label>
              Code from your authenticator app
              <input
                name="code"
                autocomplete="one-time-code"
                inputmode="numeric"
                maxlength="7"
                required
                cdkFocusInitial
                [(ngModel)]="code"
              />
            </label>
          } @else if (usesPassword()) {
            <label>
              Your password
              <input
                name="password"
                type="password"
                autocomplete="current-password"
                required
                cdkFocusInitial
                [(ngModel)]="password"
              />
            </label>
          }
          @if (error(); as e) {
            <p class="error" role="alert" data-testid="step-up-error">{{ e }}</p>
          }
          <div class="actions">
            <button type="button" (click)="cancel()">Cancel</button>
            @if (usesTotp() || usesPassword()) {
              <button type="submit" class="primary" [disabled]="busy()">
                {{ busy() ? 'Checking…' : 'Confirm' }}
              </button>
            }
          </div>
          @if (providers().length) {
            <div class="sso-reauth">
              @for (p of providers(); track p.id) {
                <a class="button" [href]="reauthUrl(p.id)" data-testid="step-up-sso"
                  >Re-authenticate with {{ p.name }}</a
                >
              }
              <p class="muted small">You come back to this page; then do the action again.</p>
            </div>
          }
        </form>
      </hw-modal>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepUpDialog {
  protected readonly stepUp = inject(StepUpService);
  private readonly options = inject(SignInOptionsService);
  private readonly router = inject(Router);
  protected readonly titleId = modalId('step-up-title');
  protected readonly textId = modalId('step-up-text');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected code = '';
  protected password = '';
  private readonly methods = computed(() => this.stepUp.pending()?.methods ?? []);
  protected readonly usesTotp = computed(() => this.methods().includes('totp'));
  protected readonly usesPassword = computed(() => this.methods().includes('password'));
  protected readonly providers = computed(() =>
    this.methods()
      .filter((m) => m.startsWith('sso:'))
      .map((m) => m.slice(4))
      .map((id) => ({ id, name: this.options.provider(id)?.displayName ?? id })),
  );
  protected readonly minutes = computed(() => {
    const s = this.stepUp.pending()?.maxAgeSeconds ?? 300;
    return s < 120 ? `${s} seconds` : `${Math.round(s / 60)} minutes`;
  });

  constructor() {
    void this.options.load();
  }

  protected reauthUrl(providerId: string): string {
    return ssoStartUrl(providerId, 'step-up', this.router.url);
  }

  protected async submit(): Promise<void> {
    const input = this.input();
    if (!input || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.stepUp.prove(input);
      this.reset();
      this.stepUp.finish(true);
    } catch (err) {
      this.error.set(stepUpErrorText(err, this.usesTotp()));
    } finally {
      this.busy.set(false);
    }
  }

  private input(): StepUpInput | null {
    if (this.usesTotp()) return this.code.trim() ? { code: this.code } : null;
    return this.password ? { password: this.password } : null;
  }

  protected cancel(): void {
    this.reset();
    this.stepUp.finish(false);
  }

  private reset(): void {
    this.code = this.password = '';
    this.error.set(null);
  }
}

function stepUpErrorText(err: unknown, totp: boolean): string {
  const message = errorMessage(err);
  if (message.startsWith('Request failed (401)') || /invalid|wrong/i.test(message)) {
    return totp ? 'That code is not valid, or was already used.' : 'Wrong password.';
  }
  return message;
}
