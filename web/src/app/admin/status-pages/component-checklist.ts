import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { FieldError } from '../../shared/field-error';
import type { FieldErrors } from '../../shared/form/draft-form';
import type { ComponentOption } from './incident-draft';

/** Checkboxes of a page's components by group: which ones an incident or maintenance window names. */
@Component({
  selector: 'hw-component-checklist',
  imports: [FieldError],
  template: `
    <fieldset class="checklist" [attr.aria-label]="legend()">
      <legend>{{ legend() }}</legend>
      @for (g of groups(); track g.name) {
        <div class="group">
          <span class="muted small">{{ g.name }}</span>
          @for (o of g.options; track o.id) {
            <label class="inline">
              <input
                type="checkbox"
                [checked]="chosen().has(o.id)"
                (change)="toggle(o.id)"
                [attr.data-component]="o.name"
              />
              {{ o.name }}
            </label>
          }
        </div>
      } @empty {
        <p class="muted small">This page lists no servers yet.</p>
      }
    </fieldset>
    <hw-field-error [errors]="errors()" field="componentIds" />
  `,
  styles: `
    :host {
      display: block;
    }
    .checklist {
      border: 1px solid var(--border);
      border-radius: 6px;
      padding: 6px 10px 8px;
      margin: 0;
      min-width: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      max-height: 260px;
      overflow: auto;
    }
    legend {
      font-size: 13px;
      color: var(--muted);
      padding: 0 4px;
    }
    .group {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 140px;
    }
    label {
      gap: 6px;
      color: var(--text);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComponentChecklist {
  readonly options = input.required<readonly ComponentOption[]>();
  readonly legend = input('Affected components');
  /** The form's errors: the one on `componentIds` shows under the boxes. */
  readonly errors = input<FieldErrors>({});
  readonly selected = model<string[]>([]);
  protected readonly chosen = computed(() => new Set(this.selected()));
  protected readonly groups = computed(() => {
    const byGroup = new Map<string, ComponentOption[]>();
    for (const o of this.options()) byGroup.set(o.group, [...(byGroup.get(o.group) ?? []), o]);
    return [...byGroup].map(([name, options]) => ({ name, options }));
  });

  protected toggle(id: string): void {
    this.selected.update((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  }
}
