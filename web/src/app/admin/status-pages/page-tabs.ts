import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

/** Inside the editor frame (which links back to the list): the page's name, its three admin views and the way to its public page (in a new tab). */
@Component({
  selector: 'hw-status-page-tabs',
  imports: [RouterLink, RouterLinkActive],
  template: `
    <div class="tabs-head">
      <h2>
        {{ title() }}
        @if (!published()) {
          <span class="badge draft" title="The public does not see this page">not published</span>
        }
      </h2>
      <a class="button" [href]="publicPath()" target="_blank" rel="noopener" data-testid="open-public-page"
        >Open public page ↗</a
      >
    </div>
    @if (!published()) {
      <p class="muted small unpublished">
        Not published: {{ publicPath() }} answers "not found" to everyone until you tick "Published" and save.
      </p>
    }
    <nav class="page-tabs" aria-label="Status page">
      <a
        [routerLink]="['/admin/status-pages', pageId()]"
        routerLinkActive="active"
        [routerLinkActiveOptions]="{ exact: true }"
        >Page</a
      >
      <a [routerLink]="['/admin/status-pages', pageId(), 'incidents']" routerLinkActive="active">Incidents</a>
      <a [routerLink]="['/admin/status-pages', pageId(), 'maintenance']" routerLinkActive="active"
        >Maintenance</a
      >
    </nav>
  `,
  styles: `
    .tabs-head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 8px;
    }
    h2 {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .badge.draft {
      margin-left: 6px;
      background: transparent;
      color: var(--muted);
      border: 1px solid var(--border);
      font-weight: normal;
    }
    .unpublished {
      margin: -4px 0 8px;
      overflow-wrap: anywhere;
    }
    .page-tabs {
      display: flex;
      gap: 4px;
      flex-wrap: wrap;
      margin-bottom: 14px;
    }
    .page-tabs a {
      padding: 5px 12px;
      border: 1px solid var(--border);
      border-radius: 999px;
      text-decoration: none;
      color: var(--muted);
    }
    .page-tabs a.active {
      color: var(--text);
      border-color: var(--accent);
      background: color-mix(in srgb, var(--accent) 12%, transparent);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageTabs {
  readonly pageId = input.required<string>();
  readonly title = input.required<string>();
  readonly published = input.required<boolean>();
  readonly publicPath = input.required<string>();
}
