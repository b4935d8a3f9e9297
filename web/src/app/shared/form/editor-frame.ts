import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

/**
 * The frame of an editor page: a way back to its list, then the failure to load the record, a
 * loading notice, or the form (projected) once its draft is ready.
 */
@Component({
  selector: 'hw-editor-frame',
  imports: [RouterLink],
  template: `
    <nav class="crumbs">
      <a [routerLink]="back()">{{ backLabel() }}</a> ›
    </nav>
    @if (loadError(); as e) {
      <p class="state error" role="alert">{{ e }}</p>
    } @else if (!ready()) {
      <p class="state" role="status">Loading…</p>
    } @else {
      <ng-content />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditorFrame {
  readonly back = input.required<string>();
  readonly backLabel = input.required<string>();
  /** Why the record could not be read; null while it is fine. */
  readonly loadError = input<string | null>(null);
  readonly ready = input.required<boolean>();
}
