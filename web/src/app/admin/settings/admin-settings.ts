import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AuthSettings } from '@hivewatch/protocol';
import { AuthService } from '../../core/auth.service';
import { errorMessage } from '../../shared/errors';
import { injectRunAction } from '../../shared/list/run-action';
import { AuthSettingsApi } from './auth-settings.api';

/** Administration → Settings: how people sign in (saving asks for step-up). */
@Component({
  selector: 'hw-admin-settings',
  imports: [FormsModule],
  templateUrl: './admin-settings.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminSettings {
  private readonly api = inject(AuthSettingsApi);
  private readonly run = injectRunAction();
  protected readonly auth = inject(AuthService);
  protected readonly settings = rxResource({ stream: () => this.api.get() });
  /** The form's copy; null until the hub answered. */
  protected readonly draft = signal<AuthSettings | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  constructor() {
    effect(() => {
      const loaded = this.settings.value();
      if (loaded) this.draft.set({ ...loaded });
    });
  }

  protected loadError(): string {
    return errorMessage(this.settings.error());
  }

  protected set<K extends keyof AuthSettings>(key: K, value: AuthSettings[K]): void {
    this.draft.update((d) => (d ? { ...d, [key]: value } : d));
  }

  protected async save(): Promise<void> {
    const draft = this.draft();
    if (!draft || this.busy()) return;
    const breakGlass = draft.breakGlassUsername?.trim() || null;
    if (!draft.localSignIn && !breakGlass) {
      this.problem.set('Name the break-glass administrator who keeps password sign-in.');
      return;
    }
    this.problem.set(null);
    this.busy.set(true);
    const saved = await this.run(
      this.api.update({ ...draft, breakGlassUsername: breakGlass }),
      'Sign-in settings saved.',
    );
    this.busy.set(false);
    if (saved) this.draft.set({ ...saved });
  }
}
