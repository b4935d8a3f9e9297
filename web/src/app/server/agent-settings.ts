import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import {
  DEFAULT_METRICS_INTERVAL_SECONDS,
  agentConfigRequestSchema,
  formatIssues,
} from '@hivewatch/protocol';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';
import { ToastService } from '../core/toast.service';
import { agentErrorMessage, errorMessage } from '../shared/errors';
import { dateTime } from '../shared/format';
import { HostsApi } from './hosts.api';

/** An interval of 0 pauses metrics on the agent: the form asks for that with its own switch. */
const ZERO_INTERVAL =
  'The metrics interval must be at least 1 second; to stop metrics, tick "Pause metrics".';

/**
 * Validates the form with the protocol's own schema; returns the request or the problems. Pausing
 * sends interval 0 (the protocol's pause); an interval typed as 0 is refused, never a silent pause.
 */
export function parseAgentSettings(
  interval: string,
  watchlist: string,
  paused = false,
): { ok: true; value: { metricsInterval: number; watchlist: string[] } } | { ok: false; problems: string[] } {
  const names = watchlist
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const seconds = paused ? 0 : interval.trim() === '' ? NaN : Number(interval);
  if (!paused && seconds === 0) return { ok: false, problems: [ZERO_INTERVAL] };
  const parsed = agentConfigRequestSchema.safeParse({
    metricsInterval: seconds,
    watchlist: [...new Set(names)],
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: formatIssues(parsed.error).split('; ') };
}

@Component({
  selector: 'hw-agent-settings',
  template: `
    <form
      class="card settings"
      (submit)="$event.preventDefault(); save()"
      aria-labelledby="agent-settings-title"
    >
      <h2 id="agent-settings-title">Agent settings</h2>
      <p class="muted small">Sent to the agent now; the agent keeps them in its own configuration.</p>
      <p class="muted small" data-testid="applied" role="status">
        @if (stored(); as c) {
          Last applied {{ dateTime(c.appliedAt) }}.
        } @else if (server.error()) {
          The settings last applied could not be read ({{ readError() }}): the form shows the defaults.
        } @else if (server.hasValue()) {
          Not set from the console yet: the form shows the defaults.
        } @else {
          Reading the settings last applied…
        }
      </p>
      <label class="inline">
        <input type="checkbox" name="paused" [checked]="paused()" (change)="paused.set(checked($event))" />
        Pause metrics
      </label>
      <p class="muted small" id="paused-hint">
        @if (paused()) {
          The agent stays connected and answers requests, but sends no metrics until you untick this.
        } @else {
          The agent sends a sample every interval.
        }
      </p>
      <label>
        Metrics interval (seconds, 1–3600)
        <input
          type="number"
          min="1"
          max="3600"
          step="1"
          name="interval"
          [value]="interval()"
          [disabled]="paused()"
          (input)="interval.set(value($event))"
          [attr.aria-invalid]="problems().length > 0"
          aria-describedby="paused-hint"
        />
      </label>
      <label>
        Watched services (comma or space separated)
        <textarea
          name="watchlist"
          rows="3"
          [value]="watchlist()"
          (input)="watchlist.set(value($event))"
        ></textarea>
      </label>
      @if (problems().length) {
        <ul class="error" role="alert">
          @for (p of problems(); track p) {
            <li>{{ p }}</li>
          }
        </ul>
      }
      <button type="submit" class="primary" [disabled]="busy() || problems().length > 0">
        {{ busy() ? 'Saving…' : 'Save' }}
      </button>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgentSettings {
  private readonly hosts = inject(HostsApi);
  private readonly toasts = inject(ToastService);
  readonly serverId = input.required<string>();
  /** The services the agent watches now (live state): the watchlist until one was applied here. */
  readonly watched = input<readonly string[]>([]);
  protected readonly dateTime = dateTime;
  /** The server record holds the settings the agent last accepted from the hub. */
  protected readonly server = rxResource({
    params: () => this.serverId(),
    stream: ({ params }) => this.hosts.server(params),
  });
  protected readonly stored = computed(() =>
    this.server.hasValue() ? this.server.value().agentConfig : null,
  );
  // strings, so that a new live frame with the same services leaves what the user typed alone
  private readonly startInterval = computed(() =>
    String(this.stored()?.metricsInterval || DEFAULT_METRICS_INTERVAL_SECONDS),
  );
  private readonly startWatchlist = computed(() => (this.stored()?.watchlist ?? this.watched()).join(', '));
  protected readonly interval = linkedSignal(() => this.startInterval());
  protected readonly watchlist = linkedSignal(() => this.startWatchlist());
  protected readonly paused = linkedSignal(() => this.stored()?.metricsInterval === 0);
  protected readonly busy = signal(false);
  private readonly parsed = computed(() =>
    parseAgentSettings(this.interval(), this.watchlist(), this.paused()),
  );
  protected readonly problems = computed(() => {
    const p = this.parsed();
    return p.ok ? [] : p.problems;
  });

  protected async save(): Promise<void> {
    const p = this.parsed();
    if (!p.ok) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.hosts.updateAgentConfig(this.serverId(), p.value));
      this.toasts.success(p.value.metricsInterval === 0 ? 'Metrics paused.' : 'Agent settings saved.');
      this.server.reload(); // the hub stored them once the agent accepted them
    } catch (err) {
      this.toasts.error(agentErrorMessage(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected readError(): string {
    return errorMessage(this.server.error());
  }

  protected value(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected checked(e: Event): boolean {
    return (e.target as HTMLInputElement).checked;
  }
}
