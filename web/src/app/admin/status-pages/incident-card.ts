import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { IncidentView } from '@hivewatch/protocol';
import { FieldError } from '../../shared/field-error';
import { DraftForm } from '../../shared/form/draft-form';
import { dateTime } from '../../shared/format';
import { ToastService } from '../../core/toast.service';
import {
  type ComponentOption,
  type UpdateDraft,
  componentNames,
  impactLabel,
  statusLabel,
  updateBody,
  validateUpdate,
} from './incident-draft';
import { StatusField } from './status-field';
import { StatusPagesApi } from './status-pages.api';

/** One incident: what it affects, its timeline (newest first) and, while open, a new update or resolving it. */
@Component({
  selector: 'hw-incident-card',
  imports: [FormsModule, FieldError, StatusField],
  templateUrl: './incident-card.html',
  styleUrl: './incident-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IncidentCard implements OnInit {
  private readonly api = inject(StatusPagesApi);
  private readonly toasts = inject(ToastService);
  readonly pageId = input.required<string>();
  readonly incident = input.required<IncidentView>();
  readonly options = input.required<readonly ComponentOption[]>();
  /** The hub took an update: the list reloads. */
  readonly updated = output<void>();

  protected readonly fmt = { dateTime, statusLabel, impactLabel };
  protected readonly form = new DraftForm<UpdateDraft>(
    { status: 'investigating', message: '' },
    validateUpdate,
  );
  protected readonly affected = computed(() => componentNames(this.options(), this.incident().componentIds));

  /** The update form starts from the incident's status. */
  ngOnInit(): void {
    const status = this.incident().status;
    this.form.draft.status = status === 'resolved' ? 'monitoring' : status;
  }

  protected get draft(): UpdateDraft {
    return this.form.draft;
  }

  protected async post(resolve: boolean): Promise<void> {
    if (resolve) this.draft.status = 'resolved';
    const i = this.incident();
    const ok = await this.form.submit((d) => this.api.postUpdate(this.pageId(), i.id, updateBody(d)));
    if (!ok) return;
    this.toasts.success(
      resolve || this.draft.status === 'resolved' ? `${i.title} resolved.` : `Update on ${i.title} posted.`,
    );
    this.form.edit({ status: this.draft.status, message: '' });
    this.updated.emit();
  }
}
