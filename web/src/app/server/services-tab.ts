import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { HubError, ServiceDetail, ServiceLogLine } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';
import { ToastService } from '../core/toast.service';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { agentErrorMessage } from '../shared/errors';
import { HostsApi } from './hosts.api';

@Component({
  selector: 'hw-services-tab',
  imports: [ConfirmDialog],
  templateUrl: './services-tab.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicesTab {
  private readonly hosts = inject(HostsApi);
  private readonly toasts = inject(ToastService);
  readonly serverId = input.required<string>();
  readonly canRestart = input(false);

  protected readonly services = rxResource({
    params: () => this.serverId(),
    stream: ({ params }) => this.hosts.services(params),
  });
  protected readonly selected = signal<string | null>(null);
  protected readonly detail = signal<ServiceDetail | null>(null);
  protected readonly logs = signal<ServiceLogLine[]>([]);
  protected readonly detailError = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly restarting = signal<string | null>(null);

  protected error(): string {
    return agentErrorMessage(this.services.error());
  }

  /** The agent answered that this host does not run systemd: a fact about the host, not a failure. */
  protected noSystemd(): boolean {
    const err = this.services.error();
    if (!(err instanceof HttpErrorResponse) || err.status !== 502) return false;
    return (err.error as Partial<HubError> | null)?.code === 'systemd-unavailable';
  }

  protected async open(name: string): Promise<void> {
    this.selected.set(name);
    this.detail.set(null);
    this.logs.set([]);
    this.detailError.set(null);
    try {
      const [detail, logs] = await Promise.all([
        firstValueFrom(this.hosts.service(this.serverId(), name)),
        firstValueFrom(this.hosts.serviceLog(this.serverId(), name)),
      ]);
      if (this.selected() !== name) return;
      this.detail.set(detail);
      this.logs.set(logs.slice(-50));
    } catch (err) {
      if (this.selected() === name) this.detailError.set(agentErrorMessage(err));
    }
  }

  protected async restart(name: string): Promise<void> {
    this.confirming.set(null);
    this.restarting.set(name);
    try {
      await firstValueFrom(this.hosts.restartService(this.serverId(), name));
      this.toasts.success(`${name} restarted.`);
      this.services.reload();
    } catch (err) {
      this.toasts.error(`Restart of ${name} failed. ${agentErrorMessage(err)}`);
    } finally {
      this.restarting.set(null);
    }
  }
}
