import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ContainerView } from '@hivewatch/protocol';
import { errorMessage } from '../shared/errors';
import { ContainerHealthCell, ContainerStateCell } from './container-cells';
import {
  type ContainerFilterChange,
  type ContainerFilterLabels,
  type ContainerFilterValue,
  ContainerFilters,
} from './container-filters';
import * as cf from './container-format';
import { DockerApi, type FleetQuery } from './docker.api';
import { type FleetFilter, DEFAULT_FLEET_FILTER, PAGE_SIZE, pageInfo, toQuery } from './fleet-filter';

/** How long typing in the search box waits before asking the hub. */
const SEARCH_DELAY_MS = 300;

/** Containers of every server the user may see: search, state and health filters, pages. */
@Component({
  selector: 'hw-containers-page',
  imports: [RouterLink, ContainerFilters, ContainerStateCell, ContainerHealthCell],
  templateUrl: './containers-page.html',
  styleUrls: ['./container-table.css', './containers-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainersPage {
  private readonly api = inject(DockerApi);
  protected readonly cf = cf;
  protected readonly filter = signal<FleetFilter>({ ...DEFAULT_FLEET_FILTER });
  private readonly reload = signal(0);
  protected readonly filterLabels: ContainerFilterLabels = {
    placeholder: 'Search container, image or server',
    searchLabel: 'Search containers',
    ids: { search: 'fleet-search', state: 'fleet-state', health: 'fleet-health' },
  };
  protected readonly filterValue = computed((): ContainerFilterValue => {
    const f = this.filter();
    return { text: f.q, state: f.state, health: f.health, removed: f.includeRemoved, removedCount: 0 };
  });
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  protected readonly list = rxResource({
    params: (): { query: FleetQuery; n: number } => ({ query: toQuery(this.filter()), n: this.reload() }),
    stream: ({ params }) => this.api.fleet(params.query),
  });
  protected readonly items = computed<ContainerView[]>(() =>
    this.list.hasValue() ? this.list.value().items : [],
  );
  protected readonly page = computed(() =>
    pageInfo(this.filter().page, this.list.hasValue() ? this.list.value().total : 0, this.items().length),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      if (this.searchTimer) clearTimeout(this.searchTimer);
    });
  }

  protected search(q: string): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.patch({ q }), SEARCH_DELAY_MS);
  }

  protected onFilter(c: ContainerFilterChange): void {
    if (c.text !== undefined) this.search(c.text);
    if (c.state !== undefined) this.patch({ state: c.state });
    if (c.health !== undefined) this.patch({ health: c.health });
    if (c.removed !== undefined) this.patch({ includeRemoved: c.removed });
  }

  /** A changed filter starts at the first page again. */
  protected patch(change: Partial<Omit<FleetFilter, 'page'>>): void {
    this.filter.update((f) => ({ ...f, ...change, page: 0 }));
  }

  protected goTo(page: number): void {
    this.filter.update((f) => ({ ...f, page: Math.max(0, page) }));
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }

  protected error(): string {
    return errorMessage(this.list.error());
  }

  protected readonly pageSize = PAGE_SIZE;
}
