import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, contentChildren, input, output } from '@angular/core';
import { ConfirmButton } from '../confirm-button';
import type { ListSource } from '../list/list-source';
import { ListView } from '../list/list-view';
import { NamedAttribute, RowTemplate } from './row-templates';

/** A column heading; `cls` goes on the `<th>` (e.g. `hide-narrow`). */
export interface TableColumn {
  header: string;
  cls?: string;
}

/** The confirm-first delete (or revoke) button at the end of a row's actions. */
export interface RowRemoval<T> {
  /** The button's label; "Delete" when absent. */
  label?: string;
  /** The dialog's question for this row, e.g. "Delete group Web?". */
  title: (row: T) => string;
  message: string;
  /** Rows that offer it; all when absent. */
  when?: (row: T) => boolean;
}

/**
 * The table of an administration list: loading, error and empty states (`hw-list-view`), a heading
 * row, one row per item (cells from a `hwRow="cells"` template), an actions cell
 * (`hwRow="actions"` buttons, then the confirm-first removal) and, for the row being edited, its
 * `hwRow="editor"` template across the row. `removed` emits the row once its removal is confirmed.
 */
@Component({
  selector: 'hw-admin-table',
  imports: [ListView, ConfirmButton, NgTemplateOutlet, NamedAttribute],
  template: `
    <hw-list-view [source]="source()" [emptyText]="emptyText()">
      <table class="grid" [attr.aria-label]="label()">
        <thead>
          <tr>
            @for (c of headers(); track $index) {
              <th [class]="c.cls ?? ''">{{ c.header }}</th>
            }
            @if (actions()) {
              <th>
                @if (actionsHeader()) {
                  <span class="sr-only">{{ actionsHeader() }}</span>
                }
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of source().items(); track row.id) {
            @let editor = rowEditor();
            @if (editor && editing() === row.id) {
              <tr>
                <td [attr.colspan]="span()">
                  <ng-container *ngTemplateOutlet="editor.template; context: { $implicit: row }" />
                </td>
              </tr>
            } @else {
              <tr [hwAttribute]="attributeOf(row)">
                @if (rowCells(); as cells) {
                  <ng-container *ngTemplateOutlet="cells.template; context: { $implicit: row }" />
                }
                @if (actions()) {
                  <td [class]="actionsClass()">
                    @if (rowActions(); as a) {
                      <ng-container *ngTemplateOutlet="a.template; context: { $implicit: row }" />
                    }
                    @if (removal(); as r) {
                      @if (!r.when || r.when(row)) {
                        <hw-confirm-button
                          [label]="r.label ?? 'Delete'"
                          [title]="r.title(row)"
                          [message]="r.message"
                          (confirmed)="removed.emit(row)"
                        />
                      }
                    }
                  </td>
                }
              </tr>
            }
          }
        </tbody>
      </table>
    </hw-list-view>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminTable<T extends { id: string }> {
  readonly source = input.required<ListSource<T>>();
  /** The table's accessible name. */
  readonly label = input.required<string>();
  readonly columns = input.required<readonly (string | TableColumn)[]>();
  readonly emptyText = input('Nothing here yet.');
  /** Whether rows have an actions cell (users who may not change anything get none). */
  readonly actions = input(true);
  /** The actions column's heading, for screen readers only; none when empty. */
  readonly actionsHeader = input('Actions');
  readonly actionsClass = input('actions');
  readonly removal = input<RowRemoval<T>>();
  /** An attribute naming each row, e.g. `['data-server', (s) => s.name]`. */
  readonly rowAttribute = input<readonly [string, (row: T) => string]>();
  /** The id of the row shown as its `hwRow="editor"` template. */
  readonly editing = input<string | null>(null);
  readonly removed = output<T>();

  private readonly parts = contentChildren<RowTemplate<T>>(RowTemplate);
  protected readonly rowCells = computed(() => this.part('cells'));
  protected readonly rowActions = computed(() => this.part('actions'));
  protected readonly rowEditor = computed(() => this.part('editor'));
  protected readonly headers = computed(() =>
    this.columns().map((c): TableColumn => (typeof c === 'string' ? { header: c } : c)),
  );
  protected readonly span = computed(() => this.headers().length + (this.actions() ? 1 : 0));

  private part(kind: 'cells' | 'actions' | 'editor'): RowTemplate<T> | undefined {
    return this.parts().find((p) => p.hwRow() === kind);
  }

  protected attributeOf(row: T): readonly [string, string] | null {
    const a = this.rowAttribute();
    return a ? [a[0], a[1](row)] : null;
  }
}
