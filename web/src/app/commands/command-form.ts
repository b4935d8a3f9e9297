import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { firstValueFrom, tap } from 'rxjs';
import type { CommandRunDetail } from '@hivewatch/protocol';
import { errorMessage } from '../shared/errors';
import { FieldError } from '../shared/field-error';
import { DraftForm } from '../shared/form/draft-form';
import { TargetsField } from '../shared/targets-field/targets-field';
import { CommandsApi } from './commands.api';
import { newRunDraft, runBody, runDraft, validateRunDraft, type RunDraft } from './run-draft';

/**
 * The new-run form: command, targets (servers, groups, tags) and options. "Run" asks for a fresh
 * proof of identity when the hub wants one (the step-up interceptor), then opens the run's page.
 * `from` (a run id) fills it with that run's command, targets and options (Re-run).
 */
@Component({
  selector: 'hw-command-form',
  imports: [FormsModule, FieldError, TargetsField],
  templateUrl: './command-form.html',
  styleUrl: './command-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandForm {
  private readonly api = inject(CommandsApi);
  private readonly router = inject(Router);
  private readonly view = inject(ChangeDetectorRef);
  readonly from = input<string | undefined>();

  protected readonly form = new DraftForm<RunDraft>(newRunDraft(), validateRunDraft);
  protected readonly prefillError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const from = this.from();
      if (from) void this.prefill(from);
    });
  }

  protected get draft(): RunDraft {
    return this.form.draft;
  }

  private async prefill(id: string): Promise<void> {
    try {
      const run = await firstValueFrom(this.api.get(id));
      this.form.edit(runDraft(run));
      this.prefillError.set(null);
      this.form.revalidate();
      this.view.markForCheck(); // a new plain draft: nothing the template reads has signalled it
    } catch (e) {
      this.prefillError.set(`The earlier run could not be read: ${errorMessage(e)}`);
    }
  }

  protected async submit(): Promise<void> {
    let created: CommandRunDetail | undefined;
    const sent = await this.form.submit((d) => this.api.run(runBody(d)).pipe(tap((run) => (created = run))));
    if (sent && created) await this.router.navigate(['/commands', created.id]);
  }
}
