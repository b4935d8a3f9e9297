import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { firstValueFrom, tap } from 'rxjs';
import type { CommandRunDetail } from '@hivewatch/protocol';
import { LiveStreamService } from '../core/live-stream.service';
import { errorMessage } from '../shared/errors';
import { FieldError } from '../shared/field-error';
import { DraftForm } from '../shared/form/draft-form';
import { GroupsApi } from '../shared/groups.api';
import { lookupList } from '../shared/list/lookup';
import { CommandsApi } from './commands.api';
import { newRunDraft, runBody, runDraft, validateRunDraft, type RunDraft } from './run-draft';
import { estimateTargets } from './run-targets';
import { ServerPicker } from './server-picker';

/**
 * The new-run form: command, targets (servers, groups, tags) and options. "Run" asks for a fresh
 * proof of identity when the hub wants one (the step-up interceptor), then opens the run's page.
 * `from` (a run id) fills it with that run's command, targets and options (Re-run).
 */
@Component({
  selector: 'hw-command-form',
  imports: [FormsModule, FieldError, ServerPicker],
  templateUrl: './command-form.html',
  styleUrl: './command-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandForm {
  private readonly api = inject(CommandsApi);
  private readonly router = inject(Router);
  private readonly live = inject(LiveStreamService);
  readonly from = input<string | undefined>();

  protected readonly form = new DraftForm<RunDraft>(newRunDraft(), validateRunDraft);
  protected readonly fleet = computed(() => [...this.live.servers().values()]);
  protected readonly groups = lookupList(inject(GroupsApi).list());
  protected readonly knownTags = computed(() => [...new Set(this.fleet().flatMap((s) => s.tags))].sort());
  /** Bumped on every edit, so the estimate follows the plain draft object. */
  private readonly edits = signal(0);
  protected readonly estimate = computed(() => {
    this.edits();
    return estimateTargets(this.form.draft, this.fleet());
  });
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

  protected changed(): void {
    this.form.revalidate();
    this.edits.update((n) => n + 1);
  }

  protected setServers(ids: string[]): void {
    this.draft.serverIds = ids;
    this.changed();
  }

  private async prefill(id: string): Promise<void> {
    try {
      const run = await firstValueFrom(this.api.get(id));
      this.form.edit(runDraft(run));
      this.prefillError.set(null);
      this.changed();
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
