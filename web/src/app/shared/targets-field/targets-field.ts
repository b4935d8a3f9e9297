import {
  ChangeDetectionStrategy,
  Component,
  booleanAttribute,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { LiveStreamService } from '../../core/live-stream.service';
import { FieldError } from '../field-error';
import type { FieldErrors } from '../form/draft-form';
import { GroupsApi } from '../groups.api';
import { lookupList } from '../list/lookup';
import { ServerPicker } from './server-picker';
import { type TargetsDraft, estimateTargets } from './targets';

let instances = 0;

/**
 * The servers, groups and tags a command run, a scheduled task or an alert rule's scope covers. It
 * edits the draft it is given in place (like the other field groups of the editors, so the form's
 * own input/change handlers see every edit) and says `changed` when the server picker changes it,
 * which raises no event of its own for the "clear" button. Optionally shows what the selection
 * covers now: servers, how many are offline and how many cannot run commands.
 */
@Component({
  selector: 'hw-targets-field',
  imports: [FormsModule, FieldError, ServerPicker],
  templateUrl: './targets-field.html',
  styleUrl: './targets-field.css',
  host: { '(input)': 'edited()', '(change)': 'edited()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TargetsField {
  readonly draft = input.required<TargetsDraft>();
  readonly errors = input<FieldErrors>({});
  /** The key of the "nothing chosen" message in `errors`. */
  readonly errorField = input('targets');
  /** Shows the estimate line (for targets that run commands). */
  readonly showEstimate = input(false, { transform: booleanAttribute });
  /** What happens to offline servers, in the estimate line. */
  readonly offlineNote = input('they wait');
  /** The selection is resolved at each use (a task firing, a rule evaluating), not once. */
  readonly lasting = input(false, { transform: booleanAttribute });
  readonly changed = output<void>();

  private readonly live = inject(LiveStreamService);
  protected readonly fleet = computed(() => [...this.live.servers().values()]);
  protected readonly groups = lookupList(inject(GroupsApi).list());
  protected readonly knownTags = computed(() => [...new Set(this.fleet().flatMap((s) => s.tags))].sort());
  protected readonly tagListId = `hw-known-tags-${++instances}`;
  /** Bumped on every edit, so the estimate follows the plain draft object. */
  private readonly edits = signal(0);
  protected readonly estimate = computed(() => {
    this.edits();
    return estimateTargets(this.draft(), this.fleet());
  });

  protected edited(): void {
    this.edits.update((n) => n + 1);
  }

  protected setServers(ids: string[]): void {
    this.draft().serverIds = ids;
    this.edited();
    this.changed.emit();
  }
}
