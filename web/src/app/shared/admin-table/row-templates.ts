import { Directive, ElementRef, TemplateRef, effect, inject, input } from '@angular/core';
import type { ListSource } from '../list/list-source';

/** What a row template of `hw-admin-table` receives: the row as `let-row`. */
export interface RowContext<T> {
  $implicit: T;
}

/**
 * One part of a row of `hw-admin-table`, e.g. `<ng-template hwRow="cells" [hwRowOf]="list" let-u>`:
 * `cells` are the row's data `<td>`s, `actions` the buttons of its actions cell (before the removal
 * the table adds), `editor` what replaces the row, across all its columns, while it is edited.
 * `Of` names the list only so that the template knows the row's type.
 */
@Directive({ selector: 'ng-template[hwRow]' })
export class RowTemplate<T> {
  readonly hwRow = input.required<'cells' | 'actions' | 'editor'>();
  readonly hwRowOf = input<ListSource<T>>();
  readonly template = inject<TemplateRef<RowContext<T>>>(TemplateRef);

  static ngTemplateContextGuard<T>(_dir: RowTemplate<T>, _ctx: unknown): _ctx is RowContext<T> {
    return true;
  }
}

/** Sets one attribute named by data (e.g. `data-server`, which tests and styles find rows by). */
@Directive({ selector: '[hwAttribute]' })
export class NamedAttribute {
  readonly hwAttribute = input<readonly [name: string, value: string] | null>(null);

  constructor() {
    const element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    effect(() => {
      const pair = this.hwAttribute();
      if (pair) element.setAttribute(pair[0], pair[1]);
    });
  }
}
