import { ScrollingModule } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import type { ServerState } from '@hivewatch/protocol';
import { RouterLink } from '@angular/router';
import { LiveStreamService } from '../core/live-stream.service';
import { AlertStrip } from '../shared/alert-strip';
import { GroupsApi } from '../shared/groups.api';
import { lookupList, namesById } from '../shared/list/lookup';
import * as fmt from '../shared/format';
import {
  DEFAULT_FILTER,
  type OverviewFilter,
  type SortKey,
  allTags,
  countOnline,
  filterServers,
} from './overview-filter';
import { containersBadge } from './containers-badge';
import { offlineText } from './presence-text';
import { ServerCard } from './server-card';

type ViewMode = 'cards' | 'table';
const VIEW_KEY = 'hw.overview.view';
/** Wide enough for three figure columns holding values such as "999.9 Mbit/s". */
const CARD_MIN_WIDTH = 300;
/** How often "offline for …" moves on. */
const CLOCK_TICK_MS = 10_000;

@Component({
  selector: 'hw-overview',
  imports: [ScrollingModule, RouterLink, AlertStrip, ServerCard],
  templateUrl: './overview.html',
  styleUrl: './overview.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Overview {
  private readonly live = inject(LiveStreamService);
  protected readonly fmt = fmt;
  protected readonly containersBadge = containersBadge;
  /** `?denied=admin` when the admin guard sent a user back here. */
  readonly denied = input<string>();

  protected readonly view = signal<ViewMode>(localStorage.getItem(VIEW_KEY) === 'table' ? 'table' : 'cards');
  protected readonly filter = signal<OverviewFilter>({ ...DEFAULT_FILTER });
  protected readonly groups = lookupList(inject(GroupsApi).list());
  protected readonly synced = this.live.synced;
  protected readonly status = this.live.status;
  private readonly all = computed(() => [...this.live.servers().values()]);
  protected readonly servers = computed(() => filterServers(this.all(), this.filter()));
  protected readonly counts = computed(() => countOnline(this.all()));
  protected readonly total = computed(() => this.all().length);
  protected readonly tags = computed(() => allTags(this.all()));
  /** The table shows a Containers column once any server reports containers. */
  protected readonly hasDocker = computed(() => this.all().some((s) => s.containers));
  protected readonly groupNames = namesById(this.groups);

  protected readonly now = signal(Date.now());
  private readonly width = signal(window.innerWidth);
  protected readonly perRow = computed(() => Math.max(1, Math.floor((this.width() - 32) / CARD_MIN_WIDTH)));
  /** Cards are virtualised by rows of as many cards as fit. */
  protected readonly cardRows = computed(() => {
    const list = this.servers();
    const n = this.perRow();
    const rows = [];
    for (let i = 0; i < list.length; i += n) rows.push(list.slice(i, i + n));
    return rows;
  });

  constructor() {
    const onResize = () => this.width.set(window.innerWidth);
    window.addEventListener('resize', onResize);
    const tick = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(tick);
      window.removeEventListener('resize', onResize);
    });
  }

  protected offlineTitle(s: ServerState): string | null {
    return offlineText(s, this.now());
  }

  protected setView(mode: ViewMode): void {
    this.view.set(mode);
    localStorage.setItem(VIEW_KEY, mode);
  }

  protected patch(change: Partial<OverviewFilter>): void {
    this.filter.update((f) => ({ ...f, ...change }));
  }

  protected sortBy(key: SortKey): void {
    this.filter.update((f) => ({
      ...f,
      sort: key,
      descending: f.sort === key ? !f.descending : key !== 'name',
    }));
  }

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | 'none' {
    const f = this.filter();
    return f.sort !== key ? 'none' : f.descending ? 'descending' : 'ascending';
  }

  /** Card rows are positions, not servers: keep their DOM and let the inner @for track servers. */
  protected trackByIndex(index: number): number {
    return index;
  }

  protected trackById(_: number, s: { id: string }): string {
    return s.id;
  }

  protected value(e: Event): string {
    return (e.target as HTMLInputElement | HTMLSelectElement).value;
  }
}
