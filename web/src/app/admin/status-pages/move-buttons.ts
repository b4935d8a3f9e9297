import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

/** The ↑ and ↓ buttons that move one item of a list (a group, or a server in a group). */
@Component({
  selector: 'hw-move-buttons',
  template: `
    @for (b of buttons(); track b.by) {
      <button type="button" [disabled]="b.disabled" (click)="moved.emit(b.by)" [attr.aria-label]="b.label">
        {{ b.arrow }}
      </button>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MoveButtons {
  readonly index = input.required<number>();
  readonly count = input.required<number>();
  /** What moves, in the buttons' labels: "Move <what> up". */
  readonly what = input.required<string>();
  readonly moved = output<-1 | 1>();

  protected readonly buttons = computed(() => [
    { by: -1 as const, arrow: '↑', label: `Move ${this.what()} up`, disabled: this.index() === 0 },
    {
      by: 1 as const,
      arrow: '↓',
      label: `Move ${this.what()} down`,
      disabled: this.index() === this.count() - 1,
    },
  ]);
}
