import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ViewEncapsulation,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { ContainerView } from '@hivewatch/protocol';
import { AuthService } from '../../core/auth.service';
import { LiveStreamService } from '../../core/live-stream.service';
import { ContainerHealthCell, ContainerStateCell } from '../../docker/container-cells';
import {
  type ContainerFilterChange,
  type ContainerFilterLabels,
  type ContainerFilterValue,
  ContainerFilters,
} from '../../docker/container-filters';
import * as cf from '../../docker/container-format';
import { DockerApi } from '../../docker/docker.api';
import { DockerLiveService } from '../../docker/docker-live.service';
import { errorMessage } from '../../shared/errors';
import { ContainerDrawer } from './container-drawer';
import {
  DEFAULT_FILTER,
  MAX_ROWS,
  type ContainerFilter,
  filterContainers,
  mergeLive,
  summarize,
} from './container-rows';
import {
  DOCKER_CONFIG_ALTERNATIVE,
  DOCKER_CONFIG_FILE,
  DOCKER_CONFIG_SNIPPET,
  DOCKER_SOCKET_HINT,
} from './docker-snippet';

/**
 * Server page → Docker: the host's containers with live figures (`docker_update` frames over the
 * hub's list), a filter, and a drawer per container. A host whose config does not enable `docker`
 * shows how to turn it on.
 */
@Component({
  selector: 'hw-docker-tab',
  imports: [ContainerDrawer, ContainerFilters, ContainerStateCell, ContainerHealthCell],
  templateUrl: './docker-tab.html',
  styleUrls: ['../../docker/container-table.css', '../../docker/container-pill.css', './docker-tab.css'],
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DockerTab {
  private readonly api = inject(DockerApi);
  private readonly docker = inject(DockerLiveService);
  private readonly stream = inject(LiveStreamService);
  protected readonly auth = inject(AuthService);
  protected readonly cf = cf;
  readonly serverId = input.required<string>();
  readonly serverName = input.required<string>();
  readonly capabilities = input.required<readonly string[]>();
  readonly dialect = input<'envelope' | 'simple' | null>(null);
  readonly online = input(true);
  /** A container to open on arrival (the fleet page links here with its id). */
  readonly initialContainer = input<string | undefined>(undefined);

  protected readonly filterLabels: ContainerFilterLabels = {
    placeholder: 'Filter by name or image',
    searchLabel: 'Filter containers',
    ids: { search: 'docker-filter', state: 'docker-state' },
  };
  protected readonly snippet = DOCKER_CONFIG_SNIPPET;
  protected readonly configFile = DOCKER_CONFIG_FILE;
  protected readonly configAlternative = DOCKER_CONFIG_ALTERNATIVE;
  protected readonly socketHint = DOCKER_SOCKET_HINT;
  protected readonly filter = signal<ContainerFilter>({ ...DEFAULT_FILTER });
  protected readonly selected = linkedSignal<string | null>(() => this.initialContainer() ?? null);
  private readonly reload = signal(0);

  protected readonly listing = rxResource({
    // a reconnect (full_sync) may have missed frames: fetch again
    params: () => ({ id: this.serverId(), n: this.reload(), sync: this.stream.syncCount() }),
    stream: ({ params }) => this.api.containers(params.id),
  });
  private readonly liveUpdate = computed(() => this.docker.updates().get(this.serverId()));

  /** The hub's list with the latest live frame applied when it is newer. */
  protected readonly all = computed<ContainerView[]>(() => {
    if (!this.listing.hasValue()) return [];
    const base = this.listing.value();
    const update = this.liveUpdate();
    const fresh = update && (!base.updatedAt || Date.parse(update.at) >= Date.parse(base.updatedAt));
    return fresh
      ? mergeLive(base.containers, update, { id: this.serverId(), name: this.serverName() })
      : base.containers;
  });
  protected readonly matching = computed(() => filterContainers(this.all(), this.filter()));
  protected readonly rows = computed(() => this.matching().slice(0, MAX_ROWS));
  protected readonly summary = computed(() => summarize(this.all()));
  protected readonly filterValue = computed((): ContainerFilterValue => {
    const f = this.filter();
    return {
      text: f.text,
      state: f.state,
      health: null,
      removed: f.showRemoved,
      removedCount: this.summary().removed,
    };
  });
  protected readonly available = computed(() => {
    if (!this.listing.hasValue()) return null;
    return this.liveUpdate() && this.listing.value().available !== false
      ? true
      : this.listing.value().available;
  });
  protected readonly notEnabled = computed(
    () =>
      !this.capabilities().includes('docker') &&
      this.listing.hasValue() &&
      this.listing.value().available === null &&
      this.all().length === 0,
  );
  protected readonly canAct = computed(
    () =>
      this.auth.isAdmin() && (this.capabilities().includes('docker-actions') || this.dialect() === 'simple'),
  );
  protected readonly open = computed(() => {
    const id = this.selected();
    return id ? (this.all().find((c) => c.id === id) ?? null) : null;
  });

  constructor() {
    effect((onCleanup) => onCleanup(this.docker.watch(this.serverId())));
    const sub = this.docker.availability.subscribe((f) => {
      if (f.serverId === this.serverId()) this.refresh();
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }

  protected patch(change: Partial<ContainerFilter>): void {
    this.filter.update((f) => ({ ...f, ...change }));
  }

  protected onFilter(c: ContainerFilterChange): void {
    if (c.text !== undefined) this.patch({ text: c.text });
    if (c.state !== undefined) this.patch({ state: c.state });
    if (c.removed !== undefined) this.patch({ showRemoved: c.removed });
  }

  protected errorText(): string {
    return errorMessage(this.listing.error());
  }

  protected portsOf(c: ContainerView): { shown: string[]; more: number } {
    return cf.ports(c.ports);
  }
}
