import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ListSource } from './list-source';

/**
 * The states every list screen has: loading, error, empty, then the rows (projected, in a
 * horizontally scrolling box for phone widths) with "more" for paged lists.
 */
@Component({
  selector: 'hw-list-view',
  template: `
    @switch (source().status()) {
      @case ('loading') {
        <p class="state" role="status">{{ loadingText() }}</p>
      }
      @case ('error') {
        <p class="state error" role="alert">{{ source().errorText() }}</p>
      }
      @case ('empty') {
        <p class="state empty">{{ emptyText() }}</p>
      }
      @case ('ready') {
        <div class="scroll-x"><ng-content /></div>
        @if (source().errorText(); as e) {
          <p class="error small" role="alert">{{ e }}</p>
        }
        @if (source().hasMore()) {
          <button type="button" (click)="source().more()" [disabled]="source().loadingMore()">
            {{ source().loadingMore() ? 'Loading…' : moreLabel() }}
          </button>
        }
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListView<T> {
  readonly source = input.required<ListSource<T>>();
  readonly emptyText = input('Nothing here yet.');
  readonly loadingText = input('Loading…');
  readonly moreLabel = input('Older entries');
}
