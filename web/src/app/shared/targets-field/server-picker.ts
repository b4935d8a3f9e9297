import { ChangeDetectionStrategy, Component, computed, input, model, signal } from '@angular/core';
import type { ServerState } from '@hivewatch/protocol';

/** Shown at most at once; the search narrows a bigger fleet. */
const SHOWN_MAX = 200;

/**
 * A searchable multi-select of the fleet: a filter box, then checkboxes (online dot, and a hint when
 * the agent does not offer `exec`); a long list scrolls in its box.
 */
@Component({
  selector: 'hw-server-picker',
  template: `
    <div class="picker" role="group" aria-label="Servers">
      <div class="search-row">
        <input
          type="search"
          placeholder="Search servers"
          aria-label="Search servers"
          data-testid="server-search"
          [value]="query()"
          (input)="query.set($any($event.target).value)"
        />
        <span class="muted small">{{ selected().length }} chosen</span>
        @if (selected().length) {
          <button type="button" class="link small" (click)="selected.set([])">clear</button>
        }
      </div>
      <ul>
        @for (s of shown(); track s.id) {
          <li>
            <label class="inline">
              <input
                type="checkbox"
                [checked]="chosen().has(s.id)"
                (change)="toggle(s.id)"
                [attr.data-server]="s.name"
              />
              <span class="dot" [class.online]="s.online" [class.offline]="!s.online"></span>
              <span class="name">{{ s.name }}</span>
              @if (execHint() && !s.capabilities.includes('exec')) {
                <span class="tag">no exec</span>
              }
            </label>
          </li>
        } @empty {
          <li class="muted small">No server matches.</li>
        }
      </ul>
      @if (hidden() > 0) {
        <p class="muted small">{{ hidden() }} more: narrow the search.</p>
      }
    </div>
  `,
  styles: `
    .picker {
      border: 1px solid var(--border);
      border-radius: 6px;
      padding: 6px;
      background: var(--panel);
    }
    .search-row {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
    }
    .search-row input {
      flex: 1 1 160px;
      min-width: 0;
    }
    ul {
      list-style: none;
      margin: 6px 0 0;
      padding: 0;
      max-height: 220px;
      overflow: auto;
    }
    li label {
      gap: 6px;
      padding: 3px 2px;
      color: var(--text);
    }
    .dot {
      margin-left: 0;
      flex: none;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .tag {
      flex: none;
      white-space: nowrap;
    }
    p {
      margin: 4px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerPicker {
  readonly servers = input.required<readonly ServerState[]>();
  readonly selected = model<string[]>([]);
  /** Whether to mark servers whose agent does not offer `exec` (irrelevant outside commands and tasks). */
  readonly execHint = input(true);
  protected readonly query = signal('');
  protected readonly chosen = computed(() => new Set(this.selected()));

  private readonly matching = computed(() => {
    const q = this.query().trim().toLowerCase();
    return this.servers()
      .filter((s) => !q || s.name.toLowerCase().includes(q) || (s.hostname ?? '').toLowerCase().includes(q))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
  protected readonly shown = computed(() => this.matching().slice(0, SHOWN_MAX));
  protected readonly hidden = computed(() => this.matching().length - this.shown().length);

  protected toggle(id: string): void {
    this.selected.update((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  }
}
