import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Modal, modalId } from './modal';

/**
 * A modal confirmation for destructive actions: focus starts on Cancel and stays in the dialog,
 * Escape, Cancel or a click outside dismisses, and the focus goes back to the opener afterwards.
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
      <h2 [id]="titleId">{{ title() }}</h2>
      @if (message()) {
        <p [id]="messageId">{{ message() }}</p>
      }
      <div class="actions">
        <button type="button" cdkFocusInitial (click)="cancelled.emit()">Cancel</button>
        <button type="button" class="danger" data-testid="confirm" (click)="confirmed.emit()">
          {{ confirmLabel() }}
        </button>
      </div>
    </hw-modal>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  readonly title = input.required<string>();
  readonly message = input('');
  readonly confirmLabel = input('Confirm');
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
  protected readonly titleId = modalId('confirm-title');
  protected readonly messageId = modalId('confirm-message');
}
