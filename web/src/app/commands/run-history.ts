import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { UsersApi } from '../admin/users/users.api';
import { LiveStreamService } from '../core/live-stream.service';
import { dateTime } from '../shared/format';
import { resourceList } from '../shared/list/list-source';
import { ListView } from '../shared/list/list-view';
import { lookupList, serverOptions } from '../shared/list/lookup';
import { CommandsApi, type RunFilter } from './commands.api';
import { countsOf, stateClass, stateLabel, targetCount } from './run-format';

const PAGE = 50;
const MAX_LIMIT = 200;

/** Past and running command runs, newest first, with filters; "more" asks for a bigger `limit`. */
@Component({
  selector: 'hw-run-history',
  imports: [FormsModule, RouterLink, ListView],
  templateUrl: './run-history.html',
  styleUrl: './run-history.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunHistory {
  private readonly api = inject(CommandsApi);
  private readonly router = inject(Router);
  protected filter: RunFilter = { state: '', serverId: '', taskId: '' };
  private readonly query = signal<{ filter: RunFilter; limit: number }>({
    filter: { ...this.filter },
    limit: PAGE,
  });
  private readonly runs = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.list(params.filter, params.limit),
  });
  protected readonly list = {
    ...resourceList(this.runs),
    hasMore: computed(() => {
      const q = this.query();
      return q.limit < MAX_LIMIT && (this.runs.hasValue() ? (this.runs.value()?.length ?? 0) : 0) >= q.limit;
    }),
    loadingMore: computed(() => this.runs.isLoading()),
    more: () => this.query.update((q) => ({ ...q, limit: Math.min(MAX_LIMIT, q.limit + PAGE) })),
  };
  protected readonly servers = serverOptions(inject(LiveStreamService));
  private readonly users = lookupList(inject(UsersApi).list());
  protected readonly userNames = computed(() => new Map(this.users().map((u) => [u.id, u.username])));
  protected readonly dateTime = dateTime;
  protected readonly stateClass = stateClass;
  protected readonly stateLabel = stateLabel;
  protected readonly countsOf = countsOf;
  protected readonly targetCount = targetCount;

  protected apply(): void {
    this.query.set({ filter: { ...this.filter }, limit: PAGE });
  }

  protected clear(): void {
    this.filter = { state: '', serverId: '', taskId: '' };
    this.apply();
  }

  protected open(id: string): void {
    void this.router.navigate(['/commands', id]);
  }
}
