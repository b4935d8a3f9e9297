import { ChangeDetectionStrategy, Component, type Signal, input, output } from '@angular/core';

/** The end of an incident or maintenance form: its error from the hub, Cancel and the submit button. */
@Component({
  selector: 'hw-status-form-end',
  template: `
    @if (form().formError(); as e) {
      <p class="error wide" role="alert" data-testid="form-error">{{ e }}</p>
    }
    <div class="actions wide">
      <button type="button" (click)="cancelled.emit()">Cancel</button>
      <button type="submit" class="primary" [disabled]="form().busy()">{{ submitLabel() }}</button>
    </div>
  `,
  styles: `
    :host {
      display: contents;
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormEnd {
  readonly form = input.required<{ formError: Signal<string | null>; busy: Signal<boolean> }>();
  readonly submitLabel = input.required<string>();
  readonly cancelled = output<void>();
}
