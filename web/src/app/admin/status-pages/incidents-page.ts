import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { STATUS_PAGE_LIMITS } from '@hivewatch/protocol';
import { ToastService } from '../../core/toast.service';
import { errorMessage } from '../../shared/errors';
import { FieldError } from '../../shared/field-error';
import { DraftForm } from '../../shared/form/draft-form';
import { ComponentChecklist } from './component-checklist';
import { FormEnd } from './form-end';
import { IncidentCard } from './incident-card';
import {
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  type IncidentDraft,
  componentOptions,
  incidentBody,
  newIncidentDraft,
  validateIncident,
} from './incident-draft';
import { StatusField } from './status-field';
import { Revalidate } from './revalidate';
import { pageResource } from './page-resource';
import { StatusPagesApi } from './status-pages.api';
import { SubpageFrame } from './subpage-frame';
import { TitleField } from './title-field';

const PAGE_SIZE = 50;

/** `/admin/status-pages/:id/incidents`: open and resolved incidents of a page, and reporting a new one. */
@Component({
  selector: 'hw-status-incidents',
  imports: [
    FormsModule,
    SubpageFrame,
    FieldError,
    ComponentChecklist,
    FormEnd,
    StatusField,
    TitleField,
    Revalidate,
    IncidentCard,
  ],
  templateUrl: './incidents-page.html',
  styleUrl: './incidents-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IncidentsPage {
  private readonly api = inject(StatusPagesApi);
  private readonly toasts = inject(ToastService);
  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly limits = STATUS_PAGE_LIMITS;
  protected readonly statuses = INCIDENT_STATUSES.filter((s) => s.value !== 'resolved');
  protected readonly impacts = INCIDENT_IMPACTS;
  protected readonly page = pageResource(this.id);
  private readonly shown = signal(PAGE_SIZE);
  protected readonly incidents = rxResource({
    params: () => ({ id: this.id(), limit: this.shown() }),
    stream: ({ params }) => this.api.incidents(params.id, params.limit),
  });
  protected readonly options = computed(() =>
    this.page.hasValue() ? componentOptions(this.page.value()) : [],
  );
  private readonly items = computed(() => (this.incidents.hasValue() ? this.incidents.value().items : []));
  protected readonly open = computed(() => this.items().filter((i) => !i.resolvedAt));
  protected readonly resolved = computed(() => this.items().filter((i) => i.resolvedAt));
  protected readonly more = computed(
    () => this.incidents.hasValue() && this.incidents.value().total > this.items().length,
  );

  protected readonly composing = signal(false);
  protected readonly form = new DraftForm<IncidentDraft>(newIncidentDraft(), validateIncident);

  protected get draft(): IncidentDraft {
    return this.form.draft;
  }

  protected loadError(): string | null {
    const e = this.page.error() ?? this.incidents.error();
    return e ? errorMessage(e) : null;
  }

  protected compose(): void {
    this.form.edit(newIncidentDraft());
    this.form.errors.set({});
    this.composing.set(true);
  }

  protected setComponents(ids: string[]): void {
    this.draft.componentIds = ids;
    this.form.revalidate();
  }

  protected async report(): Promise<void> {
    const ok = await this.form.submit((d) => this.api.openIncident(this.id(), incidentBody(d)));
    if (!ok) return;
    this.toasts.success(`Incident ${this.draft.title.trim()} posted.`);
    this.composing.set(false);
    this.reload();
  }

  protected showMore(): void {
    this.shown.update((n) => Math.min(n + PAGE_SIZE, 200));
  }

  protected reload(): void {
    this.incidents.reload();
  }
}
