import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { ConfirmDialog } from './confirm-dialog';

/**
 * A button for a destructive action that asks first: it opens the confirmation dialog and emits
 * `confirmed` only when the action is confirmed. Focus comes back to the button afterwards.
 */
@Component({
  selector: 'hw-confirm-button',
  imports: [ConfirmDialog],
  template: `
    <button
      #button
      type="button"
      [class]="buttonClass()"
      [attr.aria-label]="ariaLabel()"
      (click)="open.set(true)"
    >
      {{ label() }}
    </button>
    @if (open()) {
      <hw-confirm-dialog
        [title]="title()"
        [message]="message()"
        [confirmLabel]="confirmLabel() ?? label()"
        (confirmed)="close(true)"
        (cancelled)="close(false)"
      />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmButton {
  readonly label = input.required<string>();
  /** The dialog's question, e.g. "Delete rule High CPU?". */
  readonly title = input.required<string>();
  readonly message = input('');
  /** The dialog's confirm button; the button's label when absent. */
  readonly confirmLabel = input<string>();
  readonly buttonClass = input('danger');
  readonly ariaLabel = input<string | null>(null);
  readonly confirmed = output<void>();
  protected readonly open = signal(false);
  private readonly button = viewChild.required<ElementRef<HTMLButtonElement>>('button');

  protected close(confirmed: boolean): void {
    this.open.set(false);
    this.button().nativeElement.focus();
    if (confirmed) this.confirmed.emit();
  }
}
