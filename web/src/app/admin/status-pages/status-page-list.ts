import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { StatusPageSummary } from '@hivewatch/protocol';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { ago } from '../../shared/format';
import { resourceList } from '../../shared/list/list-source';
import { injectRunAction } from '../../shared/list/run-action';
import { StatusPagesApi } from './status-pages.api';

/** Administration → Status pages: the public pages, their state, and the way to each. */
@Component({
  selector: 'hw-status-page-list',
  imports: [RouterLink, AdminTable, RowTemplate],
  template: `
    <div class="toolbar">
      <h2>Status pages</h2>
      <a class="button primary" routerLink="new" data-testid="new-status-page">New status page</a>
    </div>
    <p class="muted small intro">
      Public pages, readable without an account, that show the state and 90-day uptime of the servers you
      list, and the incidents and maintenance you write.
    </p>
    <hw-admin-table
      [source]="list"
      label="Status pages"
      [columns]="columns"
      emptyText="No status pages yet."
      [rowAttribute]="rowAttribute"
      [removal]="removal"
      (removed)="remove($event)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list" let-p>
        <td class="title">
          <a [routerLink]="[p.id]"
            ><strong>{{ p.title }}</strong></a
          >
          <div>
            <span class="badge" [class.on]="p.published">{{
              p.published ? 'published' : 'not published'
            }}</span>
            @if (p.activeIncidents) {
              <a class="badge" [routerLink]="[p.id, 'incidents']" data-testid="open-incidents"
                >{{ p.activeIncidents }} open {{ p.activeIncidents === 1 ? 'incident' : 'incidents' }}</a
              >
            }
          </div>
          <div class="muted small">updated {{ ago(p.updatedAt) }}</div>
        </td>
        <td class="address">
          <a
            [href]="'/status/' + p.slug"
            target="_blank"
            rel="noopener"
            [attr.aria-label]="'Open public page ' + p.title"
            >/status/{{ p.slug }} ↗</a
          >
        </td>
        <td class="hide-narrow">{{ p.componentCount }}</td>
      </ng-template>
      <ng-template hwRow="actions" [hwRowOf]="list" let-p>
        <a class="button" [routerLink]="[p.id]">Edit</a>
        <a class="button" [routerLink]="[p.id, 'incidents']">Incidents</a>
        <a class="button" [routerLink]="[p.id, 'maintenance']">Maintenance</a>
      </ng-template>
    </hw-admin-table>
  `,
  styles: `
    .intro {
      margin: -4px 0 12px;
    }
    a.badge {
      text-decoration: none;
    }
    .title div {
      margin-top: 2px;
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .address {
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusPageList {
  private readonly api = inject(StatusPagesApi);
  private readonly run = injectRunAction();
  private readonly pages = rxResource({ stream: () => this.api.list() });
  protected readonly list = resourceList(this.pages, (v) => v.items);
  protected readonly columns = ['Page', 'Public address', { header: 'Servers', cls: 'hide-narrow' }];
  protected readonly rowAttribute = ['data-status-page', (p: StatusPageSummary) => p.slug] as const;
  protected readonly removal: RowRemoval<StatusPageSummary> = {
    title: (p) => `Delete status page ${p.title}?`,
    message: 'Its public address stops working; its incidents and maintenance windows are deleted with it.',
  };
  protected readonly ago = (iso: string): string => ago(iso);

  protected async remove(p: StatusPageSummary): Promise<void> {
    await this.run(this.api.remove(p.id), `Status page ${p.title} deleted.`, () => this.list.reload());
  }
}
