import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FieldErrors } from './form/draft-form';

/** The validation message of one field (nothing when it is fine), announced to screen readers. */
@Component({
  selector: 'hw-field-error',
  template: `
    @if (errors()[field()]; as e) {
      <span class="error small" role="alert">{{ e }}</span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldError {
  readonly errors = input.required<FieldErrors>();
  readonly field = input.required<string>();
}
