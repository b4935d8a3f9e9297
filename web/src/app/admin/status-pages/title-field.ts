import { ChangeDetectionStrategy, Component, type Signal, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { STATUS_PAGE_LIMITS } from '@hivewatch/protocol';
import { FieldError } from '../../shared/field-error';
import type { FieldErrors } from '../../shared/form/draft-form';

/** The title of an incident or maintenance window, with its error. */
@Component({
  selector: 'hw-status-title-field',
  imports: [FormsModule, FieldError],
  template: `
    <label>
      Title
      <input
        name="title"
        [maxlength]="maxLength"
        [placeholder]="placeholder()"
        [(ngModel)]="form().draft.title"
        [attr.aria-invalid]="!!form().errors()['title']"
      />
      <hw-field-error [errors]="form().errors()" field="title" />
    </label>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TitleField {
  /** The form whose draft's title this edits, in place. */
  readonly form = input.required<{ draft: { title: string }; errors: Signal<FieldErrors> }>();
  readonly placeholder = input.required<string>();
  protected readonly maxLength = STATUS_PAGE_LIMITS.incidentTitle;
}
