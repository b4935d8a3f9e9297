import { CdkTrapFocus } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

let nextId = 0;

/** A fresh element id for `aria-labelledby` / `aria-describedby` (unique within the page). */
export function modalId(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

/**
 * The frame of every modal: a backdrop and a panel that holds the focus while open (CDK focus trap,
 * starting on the `cdkFocusInitial` element or the first tabbable one), asks to be dismissed on
 * Escape or a backdrop click, and gives the focus back to what had it (the opener) once it goes.
 * The opener removes it from the page on `dismissed`.
 */
@Component({
  selector: 'hw-modal',
  imports: [CdkTrapFocus],
  template: `
    <div class="backdrop" data-testid="modal-backdrop" (click)="dismissed.emit()"></div>
    <div
      [class]="panelClass()"
      [attr.role]="dialogRole()"
      aria-modal="true"
      [attr.aria-labelledby]="labelledBy()"
      [attr.aria-describedby]="describedBy()"
      cdkTrapFocus
      cdkTrapFocusAutoCapture
      (keydown.escape)="dismiss($event)"
    >
      <ng-content />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Modal {
  /** `alertdialog` for confirmations (an answer is required), `dialog` otherwise. */
  readonly dialogRole = input<'dialog' | 'alertdialog'>('dialog');
  /** The id of the element holding the dialog's title. */
  readonly labelledBy = input.required<string>();
  readonly describedBy = input<string | null>(null);
  readonly panelClass = input('dialog card');
  readonly dismissed = output<void>();

  protected dismiss(event: Event): void {
    // an Escape handled here must not also close something underneath (a page-level shortcut)
    event.stopPropagation();
    this.dismissed.emit();
  }
}
