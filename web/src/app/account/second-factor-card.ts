import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AccountSecurity, TotpEnrollment } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';
import { ToastService } from '../core/toast.service';
import { ConfirmButton } from '../shared/confirm-button';
import { CopyButton } from '../shared/copy-button';
import { errorMessage } from '../shared/errors';
import { dateTime } from '../shared/format';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { SecurityApi } from './security.api';

/** Account → Security: the TOTP second factor (enroll, confirm, recovery codes, disable). */
@Component({
  selector: 'hw-second-factor-card',
  imports: [FormsModule, ConfirmButton, CopyButton, RecoveryCodesPanel],
  templateUrl: './second-factor-card.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecondFactorCard {
  private readonly api = inject(SecurityApi);
  private readonly toasts = inject(ToastService);
  readonly security = input.required<AccountSecurity>();
  /** The hub's state changed: the page reloads the overview. */
  readonly changed = output<void>();

  protected readonly enrollment = signal<TotpEnrollment | null>(null);
  /** The hub's QR code (`data:image/svg+xml`); in an <img>, an SVG never runs scripts. */
  protected readonly qr = computed(() => {
    const url = this.enrollment()?.qrDataUrl;
    return url?.startsWith('data:image/') ? url : null;
  });
  protected readonly recoveryCodes = signal<readonly string[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly dateTime = dateTime;
  protected code = '';

  protected async start(): Promise<void> {
    await this.step(async () => {
      this.enrollment.set(await firstValueFrom(this.api.startTotp()));
    });
  }

  protected async confirm(): Promise<void> {
    if (!this.code.trim()) return;
    await this.step(async () => {
      const { recoveryCodes } = await firstValueFrom(this.api.confirmTotp(this.code));
      this.enrollment.set(null);
      this.code = '';
      this.recoveryCodes.set(recoveryCodes);
      this.toasts.success('Second factor on. Sign-ins now ask for a code.');
      this.changed.emit();
    });
  }

  protected cancelEnrollment(): void {
    this.enrollment.set(null);
    this.code = '';
    this.problem.set(null);
  }

  protected async regenerate(): Promise<void> {
    await this.step(async () => {
      const { recoveryCodes } = await firstValueFrom(this.api.regenerateRecoveryCodes());
      this.recoveryCodes.set(recoveryCodes);
      this.toasts.success('New recovery codes: the old ones no longer work.');
      this.changed.emit();
    });
  }

  protected async disable(): Promise<void> {
    await this.step(async () => {
      await firstValueFrom(this.api.disableTotp());
      this.toasts.success('Second factor turned off.');
      this.changed.emit();
    });
  }

  private async step(work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (err) {
      this.problem.set(errorMessage(err));
    } finally {
      this.busy.set(false);
    }
  }
}
