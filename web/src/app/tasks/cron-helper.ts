import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  CRON_PRESETS,
  type CronPresetKind,
  WEEKDAYS,
  cronPreset,
  describeCron,
  fieldLayout,
} from './cron-presets';
import { cronPreview } from './cron-preview';
import { TasksApi } from './tasks.api';
import { browserTimeZone } from './task-draft';
import { inZone } from './time-zones';

/**
 * Under the cron field: presets that write an expression, the five fields explained against the
 * expression typed, a plain-words hint, and the next five run times in the chosen zone as the hub's
 * parser computes them (asked again a moment after each change; its error shown instead; only ever
 * those of the expression and zone on screen).
 */
@Component({
  selector: 'hw-cron-helper',
  imports: [FormsModule],
  template: `
    <div class="cron-helper" data-testid="cron-helper">
      <div class="presets" role="group" aria-label="Schedule presets">
        <label>
          Preset
          <select name="presetKind" [(ngModel)]="kind">
            @for (p of presets; track p.kind) {
              <option [value]="p.kind">{{ p.label }}</option>
            }
          </select>
        </label>
        @if (kind === 'weekly') {
          <label>
            On
            <select name="presetWeekday" [(ngModel)]="weekday">
              @for (d of weekdays; track $index) {
                <option [ngValue]="$index">{{ d }}</option>
              }
            </select>
          </label>
        }
        @if (kind === 'daily' || kind === 'weekly') {
          <label>
            At
            <input type="time" name="presetTime" [(ngModel)]="time" />
          </label>
        }
        <button type="button" data-testid="apply-preset" (click)="applyPreset()">Use preset</button>
      </div>

      <p class="hint" data-testid="cron-hint">
        @if (hint(); as h) {
          Runs <strong>{{ h }}</strong> ({{ timeZone() }}).
        } @else {
          A custom schedule: the next run times below say when it fires.
        }
      </p>

      <dl class="cron-fields" aria-label="The fields of the expression">
        @for (f of fieldHelp(); track $index) {
          <div [class.bad]="f.value === ''">
            <dt>{{ f.name }}</dt>
            <dd>
              <code class="value">{{ f.value || '?' }}</code>
              <span class="muted small range">{{ f.range }}</span>
            </dd>
          </div>
        }
      </dl>
      <p class="muted small">
        <code>*</code> any · <code>*/15</code> every 15 · <code>1-5</code> a range · <code>1,15</code> a list
      </p>

      <div class="next-runs" aria-live="polite">
        <h4>Next 5 runs</h4>
        @switch (preview().state) {
          @case ('checking') {
            <p class="muted small" role="status">Checking…</p>
          }
          @case ('error') {
            <p class="error" role="alert" data-testid="cron-error">{{ previewError() }}</p>
          }
          @case ('ok') {
            <ol data-testid="next-runs">
              @for (t of nextRuns(); track t.iso) {
                <li>
                  <time [attr.datetime]="t.iso">{{ t.zoned }}</time>
                  @if (t.local) {
                    <span class="muted small local">· your time {{ t.local }}</span>
                  }
                </li>
              } @empty {
                <li class="muted">It never fires.</li>
              }
            </ol>
          }
        }
      </div>
    </div>
  `,
  styles: `
    .cron-helper {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
    }
    .presets {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: end;
    }
    .hint {
      margin: 0;
    }
    .cron-fields {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(110px, 1fr));
      gap: 6px;
      margin: 0;
    }
    .cron-fields div {
      border: 1px solid var(--border);
      border-radius: 6px;
      padding: 4px 6px;
      min-width: 0;
    }
    .cron-fields div.bad {
      border-color: var(--danger, #c53030);
    }
    .cron-fields dt {
      font-size: 12px;
      color: var(--muted);
    }
    .cron-fields dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .cron-fields .value {
      display: block;
      font-size: 15px;
      font-weight: 600;
    }
    .cron-fields .range {
      display: block;
    }
    h4 {
      margin: 4px 0;
    }
    .local {
      margin-left: 6px;
    }
    ol {
      margin: 0;
      padding-left: 22px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CronHelper {
  private readonly api = inject(TasksApi);
  readonly cron = input.required<string>();
  readonly timeZone = input.required<string>();
  /** Whether the zone is one the picker offers (no request for a half-typed one). */
  readonly zoneKnown = input(true);
  /** A preset chose this expression. */
  readonly applied = output<string>();

  protected readonly presets = CRON_PRESETS;
  protected readonly weekdays = WEEKDAYS;
  protected kind: CronPresetKind = 'daily';
  protected time = '03:00';
  protected weekday = 1;
  private readonly browserZone = browserTimeZone();

  protected readonly hint = computed(() => describeCron(this.cron()));
  protected readonly fieldHelp = computed(() => fieldLayout(this.cron()));

  /** The hub's answer for the expression and zone on screen ("checking" until it has one). */
  protected readonly preview = cronPreview(
    this.api,
    computed(() => ({
      cron: this.cron().trim(),
      timeZone: this.timeZone().trim(),
      known: this.zoneKnown(),
    })),
  );
  protected readonly previewError = computed(() => {
    const p = this.preview();
    return p.state === 'error' ? p.message : '';
  });
  protected readonly nextRuns = computed(() => {
    const p = this.preview();
    if (p.state !== 'ok') return [];
    const zone = this.timeZone().trim();
    return p.next.map((iso) => ({
      iso,
      zoned: inZone(iso, zone),
      local: zone === this.browserZone ? null : inZone(iso, this.browserZone),
    }));
  });

  protected applyPreset(): void {
    this.applied.emit(cronPreset(this.kind, this.time, this.weekday));
  }
}
