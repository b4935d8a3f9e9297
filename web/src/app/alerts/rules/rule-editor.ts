import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { ToastService } from '../../core/toast.service';
import { NotificationsApi } from '../../notifications/notifications.api';
import { ConfirmButton } from '../../shared/confirm-button';
import { errorMessage } from '../../shared/errors';
import { FieldError } from '../../shared/field-error';
import { DraftForm, editRecord } from '../../shared/form/draft-form';
import { EditorFrame } from '../../shared/form/editor-frame';
import { lookupList } from '../../shared/list/lookup';
import { injectRunAction } from '../../shared/list/run-action';
import { SilenceFields } from '../../shared/silence-fields';
import { TargetsField } from '../../shared/targets-field/targets-field';
import { AlertsApi } from '../alerts.api';
import { ConditionFields } from './condition-fields';
import { type RuleDraft, newCondition, newRuleDraft, ruleBody, ruleDraft, validateRule } from './rule-draft';

/** Creates (`/alerts/rules/new`) or edits (`/alerts/rules/:id`) an alert rule. Admins only (route guard). */
@Component({
  selector: 'hw-rule-editor',
  imports: [
    FormsModule,
    RouterLink,
    EditorFrame,
    ConfirmButton,
    ConditionFields,
    FieldError,
    SilenceFields,
    TargetsField,
  ],
  templateUrl: './rule-editor.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RuleEditor {
  private readonly api = inject(AlertsApi);
  private readonly toasts = inject(ToastService);
  private readonly run = injectRunAction();
  private readonly router = inject(Router);
  /** Route parameter; absent for a new rule. */
  readonly id = input<string>();

  protected readonly existing = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.rule(params),
  });
  protected readonly form = new DraftForm<RuleDraft>(newRuleDraft(), validateRule);

  protected readonly notificationGroups = lookupList(inject(NotificationsApi).groups());

  constructor() {
    editRecord(this.form, this.id, this.existing, ruleDraft);
  }

  protected get draft(): RuleDraft {
    return this.form.draft;
  }

  protected loadError(): string | null {
    return this.existing.error() ? errorMessage(this.existing.error()) : null;
  }

  protected addCondition(): void {
    this.draft.conditions.push(newCondition());
    this.form.revalidate();
  }

  protected removeCondition(index: number): void {
    this.draft.conditions.splice(index, 1);
    this.form.revalidate();
  }

  protected async save(): Promise<void> {
    const id = this.id();
    const saved = await this.form.submit((d) =>
      id ? this.api.updateRule(id, ruleBody(d)) : this.api.createRule(ruleBody(d)),
    );
    if (!saved) return;
    this.toasts.success(`Rule ${this.draft.name.trim()} saved.`);
    await this.router.navigate(['/alerts/rules']);
  }

  protected async remove(): Promise<void> {
    const id = this.id();
    if (!id) return;
    const done = `Rule ${this.draft.name} deleted; its firing alerts resolve.`;
    if ((await this.run(this.api.removeRule(id), done)) !== undefined)
      await this.router.navigate(['/alerts/rules']);
  }
}
