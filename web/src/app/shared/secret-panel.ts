import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { CopyButton } from './copy-button';

export interface SecretBlock {
  label: string;
  value: string;
}

/** A secret shown exactly once, with copy buttons; it is gone once dismissed. */
@Component({
  selector: 'hw-secret-panel',
  imports: [CopyButton],
  template: `
    <section class="card secret" role="region" [attr.aria-label]="title()" data-testid="secret-panel">
      <h2>{{ title() }}</h2>
      <p class="notice">Shown only this once. Copy it now: the hub keeps only a hash.</p>
      @for (b of blocks(); track b.label) {
        <div class="secret-block">
          <div class="secret-head">
            <strong>{{ b.label }}</strong>
            <hw-copy-button [value]="b.value" [label]="b.label" />
          </div>
          <pre [attr.data-secret]="b.label">{{ b.value }}</pre>
        </div>
      }
      <button type="button" class="primary" (click)="dismissed.emit()">Done, I copied it</button>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecretPanel {
  readonly title = input.required<string>();
  readonly blocks = input.required<readonly SecretBlock[]>();
  readonly dismissed = output<void>();
}
