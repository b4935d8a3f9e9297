import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

/** Copies a value to the clipboard and says so. */
@Component({
  selector: 'hw-copy-button',
  template: `<button type="button" (click)="copy()" [attr.aria-label]="'Copy ' + label()">
    {{ copied() ? 'Copied' : 'Copy' }}
  </button>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CopyButton {
  readonly value = input.required<string>();
  readonly label = input('to clipboard');
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value());
      this.copied.set(true);
      setTimeout(() => this.copied.set(false), 2000);
    } catch {
      this.copied.set(false);
    }
  }
}
