import { ChangeDetectionStrategy, Component, booleanAttribute, input, output, signal } from '@angular/core';
import { Modal, modalId } from './modal';

/**
 * A modal confirmation for destructive actions: focus starts on Cancel and stays in the dialog,
 * Escape, Cancel or a click outside dismisses, and the focus goes back to the opener afterwards.
 * With `typeToConfirm`, the user must type that text (a name) first; the focus then starts there.
 */
@Component({
  selector: 'hw-confirm-dialog',
  imports: [Modal],
  template: `
    <hw-modal
      dialogRole="alertdialog"
      [labelledBy]="titleId"
      [describedBy]="message() ? messageId : null"
      (dismissed)="cancelled.emit()"
    >
      <div [class.confirm-stack]="stacked()">
        <h2 [id]="titleId">{{ title() }}</h2>
        @if (message()) {
          <p [id]="messageId">{{ message() }}</p>
        }
        @if (typeToConfirm()) {
          <label>
            <span
              >Type <strong>{{ typeToConfirm() }}</strong> to confirm</span
            >
            <input
              name="confirm-name"
              autocomplete="off"
              spellcheck="false"
              [value]="entered()"
              (input)="entered.set(value($event))"
              (keydown.enter)="confirm()"
              data-testid="confirm-name"
            />
          </label>
        }
        <div class="actions">
          <button
            type="button"
            [attr.cdkFocusInitial]="typeToConfirm() ? null : ''"
            (click)="cancelled.emit()"
          >
            Cancel
          </button>
          <button
            type="button"
            [class]="tone()"
            [disabled]="!typedRight()"
            data-testid="confirm"
            (click)="confirm()"
          >
            {{ confirmLabel() }}
          </button>
        </div>
      </div>
    </hw-modal>
  `,
  styles: ['.confirm-stack { display: flex; flex-direction: column; gap: 10px; }'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  readonly title = input.required<string>();
  readonly message = input('');
  readonly confirmLabel = input('Confirm');
  /** Text (a name) to type before the confirm button works; '' asks for none. */
  readonly typeToConfirm = input('');
  /** The confirm button's look: `danger` (red) or `primary` for a reversible action. */
  readonly tone = input<'danger' | 'primary'>('danger');
  /** Lays the parts out in a column with 10px gaps (as a dialog's form is), not in block flow. */
  readonly stacked = input(false, { transform: booleanAttribute });
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
  protected readonly titleId = modalId('confirm-title');
  protected readonly messageId = modalId('confirm-message');
  protected readonly entered = signal('');

  protected typedRight(): boolean {
    return !this.typeToConfirm() || this.entered() === this.typeToConfirm();
  }

  protected value(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected confirm(): void {
    if (this.typedRight()) this.confirmed.emit();
  }
}
