import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { CopyButton } from '../shared/copy-button';

/** Recovery codes, shown once: copy, download as a text file, or write them down. */
@Component({
  selector: 'hw-recovery-codes-panel',
  imports: [CopyButton],
  template: `
    <section class="card secret" aria-labelledby="recovery-title" data-testid="recovery-codes">
      <h2 id="recovery-title">Your recovery codes</h2>
      <p class="notice">
        Shown only this once. Each code signs you in once if you lose your authenticator app. Keep them
        somewhere safe, away from this device.
      </p>
      <ul class="recovery-codes">
        @for (c of codes(); track c) {
          <li>{{ c }}</li>
        }
      </ul>
      <div class="actions">
        <hw-copy-button [value]="text()" label="recovery codes" />
        <a class="button" [href]="downloadUrl()" download="hivewatch-recovery-codes.txt">Download</a>
        <button type="button" class="primary" (click)="dismissed.emit()">Done, I saved them</button>
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodesPanel {
  readonly codes = input.required<readonly string[]>();
  readonly dismissed = output<void>();
  protected readonly text = computed(() => `${this.codes().join('\n')}\n`);
  /** A data: URL, not a blob: one — nothing to revoke, and the codes never leave the browser. */
  protected readonly downloadUrl = computed(
    () => `data:text/plain;charset=utf-8,${encodeURIComponent(this.text())}`,
  );
}
