import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { ContainerView, DockerAction } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';
import { DockerApi } from '../../docker/docker.api';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { agentErrorMessage } from '../../shared/errors';
import { ACTION_TEXT, actionsFor } from './container-actions';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Admins: the actions the container's state allows, each confirmed first (remove by typing the
 * name). The hub asks for step-up (the interceptor opens the dialog and sends the request again).
 */
@Component({
  selector: 'hw-container-action-panel',
  imports: [ConfirmDialog],
  template: `
    <section class="dk-actions" aria-label="Container actions">
      <div class="dk-action-buttons">
        @for (a of actions(); track a) {
          <button
            type="button"
            [class.danger]="a === 'remove'"
            [disabled]="busy() !== null || !online()"
            (click)="asking.set(a)"
            [attr.data-testid]="'action-' + a"
          >
            {{ busy() === a ? text[a].label + '…' : text[a].label }}
          </button>
        }
      </div>
      @if (!online()) {
        <p class="muted small">The agent is offline: actions need it connected.</p>
      }
      @if (outcome(); as o) {
        <p
          [class]="o.kind === 'ok' ? 'dk-ok small' : 'error small'"
          role="status"
          data-testid="action-result"
        >
          {{ o.text }}
        </p>
      }
    </section>
    @if (asking(); as a) {
      @let t = text[a];
      <hw-confirm-dialog
        data-testid="container-confirm"
        stacked
        [title]="t.label + ' ' + container().name + '?'"
        [message]="t.label + ' ' + t.warning"
        [confirmLabel]="t.label"
        [typeToConfirm]="a === 'remove' ? container().name : ''"
        [tone]="a === 'remove' ? 'danger' : 'primary'"
        (confirmed)="run(a)"
        (cancelled)="asking.set(null)"
      />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerActionPanel {
  private readonly api = inject(DockerApi);
  readonly serverId = input.required<string>();
  readonly container = input.required<ContainerView>();
  readonly simpleDialect = input(false);
  readonly online = input(true);

  protected readonly text = ACTION_TEXT;
  protected readonly actions = computed(() => actionsFor(this.container().state, this.simpleDialect()));
  protected readonly asking = signal<DockerAction | null>(null);
  protected readonly busy = signal<DockerAction | null>(null);
  protected readonly outcome = signal<Outcome>(null);

  protected async run(action: DockerAction): Promise<void> {
    // the confirmation goes before the request: a step-up dialog must not open under it
    this.asking.set(null);
    this.busy.set(action);
    this.outcome.set(null);
    const name = this.container().name;
    try {
      const result = await firstValueFrom(this.api.action(this.serverId(), this.container().id, action));
      const done = `${ACTION_TEXT[action].label}: done for ${name}.`;
      this.outcome.set({ kind: 'ok', text: result.message ? `${done} ${result.message}` : done });
    } catch (e) {
      this.outcome.set({
        kind: 'error',
        text: `${ACTION_TEXT[action].label} failed: ${agentErrorMessage(e)}`,
      });
    } finally {
      this.busy.set(null);
    }
  }
}
