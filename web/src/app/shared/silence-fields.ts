import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FieldError } from './field-error';
import type { FieldErrors } from './form/draft-form';
import type { SilenceDraft } from './silence-window';

/** The optional daily silence window of a rule or a notification group (edits the draft in place). */
@Component({
  selector: 'hw-silence-fields',
  imports: [FormsModule, FieldError],
  template: `
    @let s = silence();
    <label class="inline">
      <input type="checkbox" name="silenceOn" [(ngModel)]="s.on" [ngModelOptions]="{ standalone: true }" />
      Silence window (UTC)
    </label>
    @if (s.on) {
      <label>
        From
        <input
          type="time"
          name="silenceStart"
          [(ngModel)]="s.start"
          [ngModelOptions]="{ standalone: true }"
        />
      </label>
      <label>
        To
        <input type="time" name="silenceEnd" [(ngModel)]="s.end" [ngModelOptions]="{ standalone: true }" />
      </label>
    }
    <hw-field-error [errors]="errors()" field="silence" />
  `,
  styles: ':host { display: contents; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SilenceFields {
  readonly silence = input.required<SilenceDraft>();
  readonly errors = input<FieldErrors>({});
}
