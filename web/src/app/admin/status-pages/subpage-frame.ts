import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { StatusPageDetail } from '@hivewatch/protocol';
import { EditorFrame } from '../../shared/form/editor-frame';
import { PageTabs } from './page-tabs';

/**
 * The frame of a page's incidents or maintenance: the way back, the page's tabs, then a toolbar with
 * the heading and the button that opens the form (while it is closed), then the content (projected).
 */
@Component({
  selector: 'hw-status-subpage-frame',
  imports: [EditorFrame, PageTabs],
  template: `
    <hw-editor-frame
      back="/admin/status-pages"
      backLabel="Status pages"
      [loadError]="loadError()"
      [ready]="!!page()"
    >
      @if (page(); as p) {
        <hw-status-page-tabs
          [pageId]="p.id"
          [title]="p.title"
          [published]="p.published"
          [publicPath]="p.publicPath"
        />
      }
      <div class="toolbar">
        <h3>{{ heading() }}</h3>
        @if (actionShown()) {
          <button type="button" class="primary" (click)="action.emit()" [attr.data-testid]="actionId()">
            {{ actionLabel() }}
          </button>
        }
      </div>
      <ng-content />
    </hw-editor-frame>
  `,
  styles: `
    .toolbar h3 {
      margin: 0 auto 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubpageFrame {
  /** The status page, once loaded. */
  readonly page = input.required<StatusPageDetail | null>();
  readonly loadError = input<string | null>(null);
  readonly heading = input.required<string>();
  readonly actionLabel = input.required<string>();
  /** The button's data-testid. */
  readonly actionId = input.required<string>();
  readonly actionShown = input.required<boolean>();
  readonly action = output<void>();
}
