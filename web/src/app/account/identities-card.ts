import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { AccountSecurity, LinkedIdentity } from '@hivewatch/protocol';
import { SignInOptionsService, ssoStartUrl } from '../core/sign-in-options.service';
import { ConfirmButton } from '../shared/confirm-button';
import { ago } from '../shared/format';
import { injectRunAction } from '../shared/list/run-action';
import { SecurityApi } from './security.api';

const LAST_WAY_IN = 'It is your only way to sign in: link another provider or ask for a password first.';

/** Account → Security: identities at sign-in providers (link another, unlink). */
@Component({
  selector: 'hw-identities-card',
  imports: [ConfirmButton],
  template: `
    <section class="card" aria-labelledby="identities-title" data-testid="identities">
      <h2 id="identities-title">Sign-in providers</h2>
      @if (security().identities.length) {
        <ul class="row-list">
          @for (i of security().identities; track i.id) {
            <li [attr.data-identity]="i.provider">
              <div>
                <strong>{{ i.providerName }}</strong> {{ i.email ?? i.subject }}
                <span class="muted small">· last used {{ ago(i.lastUsedAt) }}</span>
              </div>
              @if (lastWayIn()) {
                <button
                  type="button"
                  disabled
                  [title]="lastWayInText"
                  [attr.aria-describedby]="'last-' + i.id"
                >
                  Unlink
                </button>
                <span class="muted small" [id]="'last-' + i.id">{{ lastWayInText }}</span>
              } @else {
                <hw-confirm-button
                  label="Unlink"
                  [title]="'Unlink ' + i.providerName + '?'"
                  message="You can no longer sign in with it (until you link it again)."
                  (confirmed)="unlink(i)"
                />
              }
            </li>
          }
        </ul>
      } @else {
        <p class="muted">No provider linked: you sign in with your password.</p>
      }
      @if (linkable().length) {
        <div class="actions">
          @for (p of linkable(); track p.id) {
            <a class="button" [href]="linkUrl(p.id)" [attr.data-link]="p.id">Link {{ p.displayName }}</a>
          }
        </div>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IdentitiesCard {
  private readonly api = inject(SecurityApi);
  private readonly options = inject(SignInOptionsService);
  private readonly run = injectRunAction();
  readonly security = input.required<AccountSecurity>();
  readonly changed = output<void>();
  protected readonly ago = ago;
  protected readonly lastWayInText = LAST_WAY_IN;
  /** Without a password, the one identity left is the only way in: the hub refuses to unlink it. */
  protected readonly lastWayIn = computed(
    () => !this.security().hasPassword && this.security().identities.length <= 1,
  );
  /** Several identities at one provider are allowed; offer every configured provider. */
  protected readonly linkable = computed(() => this.options.options()?.providers ?? []);

  constructor() {
    void this.options.load();
  }

  protected linkUrl(providerId: string): string {
    return ssoStartUrl(providerId, 'link', '/account/security');
  }

  protected async unlink(identity: LinkedIdentity): Promise<void> {
    await this.run(this.api.unlink(identity.id), `${identity.providerName} unlinked.`, () =>
      this.changed.emit(),
    );
  }
}
