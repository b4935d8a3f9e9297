import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AlertMetric } from '../../core/hub-types';
import { FieldError } from '../../shared/field-error';
import { CONTAINER_CHECKS, CONTAINER_CHECK_LABELS } from './container-draft';
import { METRICS, METRIC_CATALOG, OPERATORS, QUOTA_UNITS, operatorWords } from './metric-catalog';
import type { ConditionDraft, RuleErrors } from './rule-draft';

/** The fields of one condition; edits the draft it is given in place. */
@Component({
  selector: 'hw-condition-fields',
  imports: [FormsModule, FieldError],
  templateUrl: './condition-fields.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConditionFields {
  readonly condition = input.required<ConditionDraft>();
  readonly index = input.required<number>();
  readonly errors = input<RuleErrors>({});
  readonly removable = input(true);
  readonly removed = output<void>();

  protected readonly metrics = METRICS;
  protected readonly catalog = METRIC_CATALOG;
  protected readonly operators = OPERATORS;
  protected readonly operatorWords = operatorWords;
  protected readonly quotaUnits = QUOTA_UNITS;
  protected readonly containerChecks = CONTAINER_CHECKS;
  protected readonly checkLabels = CONTAINER_CHECK_LABELS;

  /** A unique control name per condition (the rule form holds several). */
  protected name(field: string): string {
    return `c${this.index()}-${field}`;
  }

  /** The key of this condition's field in the rule's errors. */
  protected key(field: string): string {
    return `conditions.${this.index()}.${field}`;
  }

  /** A new metric keeps its threshold but takes that metric's base unit. */
  protected metricChanged(metric: AlertMetric): void {
    const c = this.condition();
    c.metric = metric;
    if (!METRIC_CATALOG[metric].units.includes(c.unit)) c.unit = METRIC_CATALOG[metric].units[0]!;
  }
}
