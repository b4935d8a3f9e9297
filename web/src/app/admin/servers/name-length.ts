import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * Characters used of a name's limit, and a clear message past it (the field does not cut what was
 * typed or pasted: the user decides what to drop).
 */
@Component({
  selector: 'hw-name-length',
  template: `
    <span class="small" [class.muted]="!tooLong()" [class.error]="tooLong()" data-testid="name-length">
      {{ length() }} / {{ max() }}
    </span>
    @if (tooLong()) {
      <span class="error small" role="alert" data-testid="name-too-long">
        Names are limited to {{ max() }} characters; this one has {{ length() }}. Shorten it to save.
      </span>
    }
  `,
  host: { class: 'name-length', '[attr.id]': 'id()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NameLength {
  readonly value = input.required<string>();
  readonly max = input(100);
  readonly id = input<string | null>(null);
  protected readonly length = computed(() => this.value().trim().length);
  readonly tooLong = computed(() => this.length() > this.max());
}

/** Whether a name fits the server name limit (the same limit as the API's). */
export function nameFits(name: string, max = 100): boolean {
  const length = name.trim().length;
  return length > 0 && length <= max;
}
