import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { IncidentStatus } from '@hivewatch/protocol';
import { INCIDENT_STATUSES } from './incident-draft';

/** The status an incident is reported or updated with. */
@Component({
  selector: 'hw-incident-status-field',
  imports: [FormsModule],
  template: `
    <label>
      Status
      <select name="status" [ngModel]="status()" (ngModelChange)="status.set($event)">
        @for (s of statuses(); track s.value) {
          <option [value]="s.value">{{ s.label }}</option>
        }
      </select>
    </label>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusField {
  readonly status = model.required<IncidentStatus>();
  readonly statuses = input(INCIDENT_STATUSES);
}
