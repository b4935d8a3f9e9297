import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  input,
  output,
  viewChild,
} from '@angular/core';

/** A modal confirmation for destructive actions: Escape or Cancel dismisses, focus starts on Cancel. */
@Component({
  selector: 'hw-confirm-dialog',
  template: `
    <div class="backdrop" (click)="cancelled.emit()"></div>
    <div
      class="dialog card"
      role="alertdialog"
      aria-modal="true"
      [attr.aria-label]="title()"
      (keydown.escape)="cancelled.emit()"
    >
      <h2>{{ title() }}</h2>
      <p>{{ message() }}</p>
      <div class="actions">
        <button #cancel type="button" (click)="cancelled.emit()">Cancel</button>
        <button type="button" class="danger" data-testid="confirm" (click)="confirmed.emit()">
          {{ confirmLabel() }}
        </button>
      </div>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  readonly title = input.required<string>();
  readonly message = input('');
  readonly confirmLabel = input('Confirm');
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
  private readonly cancel = viewChild.required<ElementRef<HTMLButtonElement>>('cancel');

  constructor() {
    afterNextRender(() => this.cancel().nativeElement.focus());
  }
}
