import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A ring gauge drawn in SVG (no chart library needed for live values). */
@Component({
  selector: 'hw-gauge',
  template: `
    <figure class="gauge" [attr.aria-label]="label() + ' ' + text()" role="img">
      <svg viewBox="0 0 100 100" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="track" />
        <circle
          cx="50"
          cy="50"
          r="42"
          class="fill"
          [class.warn]="(value() ?? 0) >= 75"
          [class.crit]="(value() ?? 0) >= 90"
          [attr.stroke-dasharray]="dash()"
          transform="rotate(-90 50 50)"
        />
        <text x="50" y="56" text-anchor="middle">{{ text() }}</text>
      </svg>
      <figcaption>{{ label() }}</figcaption>
      @if (detail()) {
        <small class="muted">{{ detail() }}</small>
      }
    </figure>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Gauge {
  readonly label = input.required<string>();
  /** 0..100, null when not reported. */
  readonly value = input<number | null | undefined>(null);
  readonly detail = input<string>('');
  private readonly circumference = 2 * Math.PI * 42;
  protected readonly text = computed(() => {
    const v = this.value();
    return v === null || v === undefined ? '—' : `${Math.round(v)}%`;
  });
  protected readonly dash = computed(() => {
    const v = Math.max(0, Math.min(100, this.value() ?? 0));
    const filled = (v / 100) * this.circumference;
    return `${filled} ${this.circumference - filled}`;
  });
}
