import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FollowTail } from './follow-tail';
import { hasText, runDuration, stateClass, stateLabel } from './run-format';
import type { StreamView, TargetView } from './run-view';
import { terminalText } from './terminal-text';

interface Shown {
  head: string;
  tail: string;
  dropped: number;
  live: boolean;
}

const shown = (s: StreamView): Shown => ({
  head: terminalText(s.head),
  tail: terminalText(s.tail),
  dropped: s.droppedBytes,
  live: s.live,
});

/** One server's part of a run: state, exit, duration, stdout and stderr apart (text only, never HTML). */
@Component({
  selector: 'hw-target-pane',
  imports: [RouterLink, FollowTail],
  template: `
    @let t = view().target;
    <article class="pane card" [attr.data-server]="t.serverName" [attr.data-state]="t.state">
      <header>
        <a class="name" [routerLink]="['/servers', t.serverId]">{{ t.serverName }}</a>
        <span [class]="stateClass(t.state)" data-testid="target-state">{{ stateLabel(t.state) }}</span>
      </header>
      <p class="facts small muted">
        <span
          >exit <b data-testid="exit-code">{{ t.exitCode ?? (t.signal ? t.signal : '—') }}</b></span
        >
        <span>{{ duration() }}</span>
      </p>
      @if (t.error) {
        <p class="error small" data-testid="target-error">{{ t.error }}</p>
      }
      @for (s of streams(); track s.name) {
        @if (s.show) {
          <section [class]="'out ' + s.name" [attr.aria-label]="s.name">
            <h4>{{ s.name }}</h4>
            <pre
              [hwFollowTail]="s.text.head + s.text.tail"
              [attr.data-testid]="
                s.name
              ">{{ s.text.head }}@if (s.text.dropped) {<span class="dropped" data-testid="dropped"
                >… {{ s.text.dropped }} bytes dropped …
</span>}{{ s.text.tail }}</pre>
          </section>
        }
      }
      @if (noOutput()) {
        <p class="muted small">{{ quietText() }}</p>
      }
    </article>
  `,
  styleUrl: './target-pane.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TargetPane {
  readonly view = input.required<TargetView>();
  /** Bumped by the page once a second while the run is live, so running durations move on. */
  readonly now = input(0);
  protected readonly stateClass = stateClass;
  protected readonly stateLabel = stateLabel;

  protected readonly streams = computed(() => {
    const v = this.view();
    return [
      { name: 'stdout', show: hasText(v.stdout), text: shown(v.stdout) },
      { name: 'stderr', show: hasText(v.stderr), text: shown(v.stderr) },
    ];
  });
  protected readonly noOutput = computed(() => !this.streams().some((s) => s.show));
  protected readonly quietText = computed(() => {
    const state = this.view().target.state;
    return state === 'queued' || state === 'sent' || state === 'running' ? 'No output yet.' : 'No output.';
  });
  protected readonly duration = computed(() => runDuration(this.view().target, this.now() || Date.now()));
}
