import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { EXEC_COMMAND_MAX_CHARS, MAX_RUN_PARALLEL } from '@hivewatch/protocol';
import { ToastService } from '../core/toast.service';
import { errorMessage } from '../shared/errors';
import { FieldError } from '../shared/field-error';
import { DraftForm, editRecord } from '../shared/form/draft-form';
import { EditorFrame } from '../shared/form/editor-frame';
import { injectRunAction } from '../shared/list/run-action';
import { TargetsField } from '../shared/targets-field/targets-field';
import { CronHelper } from './cron-helper';
import { type TaskDraft, newTaskDraft, taskBody, taskDraft, validateTask } from './task-draft';
import { TasksApi } from './tasks.api';
import { isTimeZone, timeZones } from './time-zones';

/** Creates (`/tasks/new`) or edits (`/tasks/:id/edit`) a scheduled task. Admins only (route guard). */
@Component({
  selector: 'hw-task-editor',
  imports: [FormsModule, RouterLink, EditorFrame, FieldError, CronHelper, TargetsField],
  templateUrl: './task-editor.html',
  styles: `
    textarea.command {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      min-height: 6em;
      width: 100%;
      box-sizing: border-box;
    }
    .schedule {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr);
      gap: 12px;
    }
    @media (max-width: 700px) {
      .schedule {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .schedule .fields {
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    input.mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskEditor {
  private readonly api = inject(TasksApi);
  private readonly toasts = inject(ToastService);
  private readonly router = inject(Router);
  private readonly run = injectRunAction();
  /** Route parameter; absent for a new task. */
  readonly id = input<string>();

  protected readonly zones = timeZones();
  private readonly zoneSet = new Set(this.zones);
  protected readonly existing = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly form = new DraftForm<TaskDraft>(newTaskDraft(), (d) => validateTask(d, this.zoneSet));
  protected readonly maxCommand = EXEC_COMMAND_MAX_CHARS;
  protected readonly maxParallel = MAX_RUN_PARALLEL;

  constructor() {
    editRecord(this.form, this.id, this.existing, taskDraft);
  }

  protected get draft(): TaskDraft {
    return this.form.draft;
  }

  protected zoneKnown(): boolean {
    return isTimeZone(this.draft.timeZone.trim(), this.zoneSet);
  }

  protected loadError(): string | null {
    return this.existing.error() ? errorMessage(this.existing.error()) : null;
  }

  protected usePreset(cron: string): void {
    this.draft.cron = cron;
    this.form.revalidate();
  }

  /** Fires the saved task once now (the hub asks for step-up); its run's page follows. */
  protected async runNow(id: string): Promise<void> {
    const started = await this.run(this.api.runNow(id), `${this.draft.name.trim()} started.`);
    if (started) await this.router.navigate(['/commands', started.id]);
  }

  protected async save(): Promise<void> {
    const id = this.id();
    const saved = await this.form.submit((d) =>
      id ? this.api.update(id, taskBody(d)) : this.api.create(taskBody(d)),
    );
    if (!saved) return;
    this.toasts.success(`Task ${this.draft.name.trim()} saved.`);
    await this.router.navigate(id ? ['/tasks', id] : ['/tasks']);
  }
}
