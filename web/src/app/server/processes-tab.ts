import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { ProcessDetail, ProcessSummary } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';
import * as fmt from '../shared/format';
import { agentErrorMessage } from '../shared/errors';
import { Modal, modalId } from '../shared/modal';
import { HostsApi } from './hosts.api';

type ProcessSort = 'pid' | 'name' | 'user' | 'cpuPercent' | 'memoryPercent';

/** Rows shown at first and added by "Show more": the busiest processes first, by default. */
export const PROCESS_PAGE = 50;

export function sortProcesses(
  list: readonly ProcessSummary[],
  by: ProcessSort,
  desc: boolean,
  q: string,
): ProcessSummary[] {
  const needle = q.trim().toLowerCase();
  const rows = needle
    ? list.filter(
        (p) =>
          p.name.toLowerCase().includes(needle) ||
          String(p.pid) === needle ||
          (p.user ?? '').includes(needle),
      )
    : [...list];
  const dir = desc ? -1 : 1;
  return rows.sort((a, b) => {
    const x = a[by] ?? '';
    const y = b[by] ?? '';
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return dir * c || a.pid - b.pid;
  });
}

@Component({
  selector: 'hw-processes-tab',
  imports: [Modal],
  templateUrl: './processes-tab.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProcessesTab {
  private readonly hosts = inject(HostsApi);
  readonly serverId = input.required<string>();
  protected readonly fmt = fmt;
  protected readonly processes = rxResource({
    params: () => this.serverId(),
    stream: ({ params }) => this.hosts.processes(params),
  });
  protected readonly sort = signal<ProcessSort>('cpuPercent');
  protected readonly desc = signal(true);
  protected readonly query = signal('');
  protected readonly rows = computed(() =>
    this.processes.hasValue()
      ? sortProcesses(this.processes.value(), this.sort(), this.desc(), this.query())
      : [],
  );
  protected readonly limit = signal(PROCESS_PAGE);
  protected readonly shown = computed(() => this.rows().slice(0, this.limit()));
  protected readonly hidden = computed(() => Math.max(0, this.rows().length - this.limit()));
  protected readonly nextPage = computed(() => Math.min(PROCESS_PAGE, this.hidden()));
  protected readonly open = signal<ProcessDetail | null>(null);
  protected readonly openError = signal<string | null>(null);
  protected readonly drawerTitleId = modalId('process-title');

  protected by(key: ProcessSort): void {
    if (this.sort() === key) this.desc.update((d) => !d);
    else {
      this.sort.set(key);
      this.desc.set(key === 'cpuPercent' || key === 'memoryPercent');
    }
  }

  protected ariaSort(key: ProcessSort): string {
    return this.sort() !== key ? 'none' : this.desc() ? 'descending' : 'ascending';
  }

  protected async show(pid: number): Promise<void> {
    this.openError.set(null);
    try {
      this.open.set(await firstValueFrom(this.hosts.process(this.serverId(), pid)));
    } catch (err) {
      this.open.set(null);
      this.openError.set(agentErrorMessage(err));
    }
  }

  protected cmdline(p: ProcessDetail): string {
    return Array.isArray(p.cmdline) ? p.cmdline.join(' ') : (p.cmdline ?? '—');
  }

  protected error(): string {
    return agentErrorMessage(this.processes.error());
  }

  protected value(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected filter(text: string): void {
    this.query.set(text);
    this.limit.set(PROCESS_PAGE);
  }

  protected more(all = false): void {
    this.limit.update((n) => (all ? this.rows().length : n + PROCESS_PAGE));
  }
}
