import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { STATUS_PAGE_LIMITS, type MaintenanceView } from '@hivewatch/protocol';
import { ToastService } from '../../core/toast.service';
import { ConfirmButton } from '../../shared/confirm-button';
import { errorMessage } from '../../shared/errors';
import { FieldError } from '../../shared/field-error';
import { DraftForm } from '../../shared/form/draft-form';
import { injectRunAction } from '../../shared/list/run-action';
import { ComponentChecklist } from './component-checklist';
import { FormEnd } from './form-end';
import { componentNames, componentOptions } from './incident-draft';
import {
  type MaintenanceDraft,
  type WindowPhase,
  localTime,
  localZone,
  maintenanceBody,
  maintenanceDraft,
  newMaintenanceDraft,
  phaseOf,
  validateMaintenance,
} from './maintenance-draft';
import { Revalidate } from './revalidate';
import { pageResource } from './page-resource';
import { StatusPagesApi } from './status-pages.api';
import { SubpageFrame } from './subpage-frame';
import { TitleField } from './title-field';

const PHASES: readonly { phase: WindowPhase; title: string; empty: string }[] = [
  { phase: 'active', title: 'Active now', empty: 'No window is active.' },
  { phase: 'upcoming', title: 'Upcoming', empty: 'None planned.' },
  { phase: 'past', title: 'Past', empty: 'None yet.' },
];
const TIME_FIELDS = [
  { key: 'startsAt', label: 'Starts' },
  { key: 'endsAt', label: 'Ends' },
] as const;

/** `/admin/status-pages/:id/maintenance`: the page's maintenance windows, planned in the user's time zone. */
@Component({
  selector: 'hw-status-maintenance',
  imports: [
    FormsModule,
    SubpageFrame,
    FieldError,
    ConfirmButton,
    ComponentChecklist,
    FormEnd,
    TitleField,
    Revalidate,
  ],
  templateUrl: './maintenance-page.html',
  styleUrl: './maintenance-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MaintenancePage {
  private readonly api = inject(StatusPagesApi);
  private readonly toasts = inject(ToastService);
  private readonly run = injectRunAction();
  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly limits = STATUS_PAGE_LIMITS;
  protected readonly phases = PHASES;
  protected readonly timeFields = TIME_FIELDS;
  protected readonly zone = localZone();
  protected readonly time = localTime;
  protected readonly page = pageResource(this.id);
  protected readonly windows = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.maintenance(params),
  });
  protected readonly options = computed(() =>
    this.page.hasValue() ? componentOptions(this.page.value()) : [],
  );
  private readonly now = signal(Date.now());
  protected readonly byPhase = computed(() => {
    const items = this.windows.hasValue() ? this.windows.value().items : [];
    const now = this.now();
    const of = (phase: WindowPhase): MaintenanceView[] => items.filter((w) => phaseOf(w, now) === phase);
    // active and upcoming soonest first; past newest first (as the hub sends them)
    const soonest = (a: MaintenanceView, b: MaintenanceView): number => a.startsAt.localeCompare(b.startsAt);
    return { active: of('active').sort(soonest), upcoming: of('upcoming').sort(soonest), past: of('past') };
  });

  /** 'new', the id of the window being edited, or null. */
  protected readonly editing = signal<string | null>(null);
  protected readonly form = new DraftForm<MaintenanceDraft>(newMaintenanceDraft(), validateMaintenance);

  protected get draft(): MaintenanceDraft {
    return this.form.draft;
  }

  protected loadError(): string | null {
    const e = this.page.error() ?? this.windows.error();
    return e ? errorMessage(e) : null;
  }

  protected names(w: MaintenanceView): string {
    return componentNames(this.options(), w.componentIds).join(', ');
  }

  protected start(w: MaintenanceView | null): void {
    this.form.edit(w ? maintenanceDraft(w) : newMaintenanceDraft());
    this.form.errors.set({});
    this.form.formError.set(null);
    this.editing.set(w ? w.id : 'new');
  }

  protected setComponents(ids: string[]): void {
    this.draft.componentIds = ids;
    this.form.revalidate();
  }

  protected async save(): Promise<void> {
    const editing = this.editing();
    const pageId = this.id();
    const ok = await this.form.submit((d) =>
      editing && editing !== 'new'
        ? this.api.updateMaintenance(pageId, editing, maintenanceBody(d))
        : this.api.createMaintenance(pageId, maintenanceBody(d)),
    );
    if (!ok) return;
    this.toasts.success(`Maintenance window ${this.draft.title.trim()} saved.`);
    this.editing.set(null);
    this.reload();
  }

  protected async remove(w: MaintenanceView): Promise<void> {
    await this.run(
      this.api.removeMaintenance(this.id(), w.id),
      `Maintenance window ${w.title} deleted.`,
      () => this.reload(),
    );
  }

  private reload(): void {
    this.now.set(Date.now());
    this.windows.reload();
  }
}
