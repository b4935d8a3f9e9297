import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { DANGEROUS_CAPABILITIES, type AgentCapability } from '@hivewatch/protocol';
import { AuthService } from '../core/auth.service';
import { LiveStreamService } from '../core/live-stream.service';
import { AlertStrip } from '../shared/alert-strip';
import { agentErrorMessage } from '../shared/errors';
import * as fmt from '../shared/format';
import { AgentSettings } from './agent-settings';
import { DockerTab } from './docker/docker-tab';
import { Gauge } from './gauge';
import { HistoryCharts } from './history-charts';
import { HostsApi } from './hosts.api';
import { ProcessesTab } from './processes-tab';
import { RecordsApi } from './records.api';
import { serverFacts } from './server-facts';
import { ServicesTab } from './services-tab';
import { TerminalTab } from './terminal/terminal-tab';
import { TrafficPanel } from './traffic-panel';

type Tab = 'overview' | 'services' | 'processes' | 'traffic' | 'docker' | 'terminal' | 'settings';
const ADMIN_TABS: readonly Tab[] = ['terminal', 'settings'];

@Component({
  selector: 'hw-server-page',
  imports: [
    RouterLink,
    Gauge,
    HistoryCharts,
    ServicesTab,
    ProcessesTab,
    AgentSettings,
    TrafficPanel,
    AlertStrip,
    TerminalTab,
    DockerTab,
  ],
  templateUrl: './server-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerPage {
  private readonly live = inject(LiveStreamService);
  private readonly records = inject(RecordsApi);
  private readonly hosts = inject(HostsApi);
  protected readonly auth = inject(AuthService);
  protected readonly fmt = fmt;
  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  /** `?tab=docker&container=<id>`: the fleet Containers page opens a container's drawer here. */
  readonly tabParam = input<string | undefined>(undefined, { alias: 'tab' });
  readonly containerParam = input<string | undefined>(undefined, { alias: 'container' });

  protected readonly tab = signal<Tab>('overview');
  protected readonly state = computed(() => this.live.servers().get(this.id()));
  protected readonly synced = this.live.synced;
  protected readonly metrics = computed(() => this.state()?.metrics ?? null);
  protected readonly capabilities = computed(() =>
    (this.state()?.capabilities ?? []).map((c: AgentCapability) => ({
      name: c,
      dangerous: DANGEROUS_CAPABILITIES.includes(c),
    })),
  );
  /**
   * Agents that advertise capabilities must list `services-restart`; an agent that advertises none
   * (the seed-002 agent) may restart, as the hub's action map allows.
   */
  protected readonly canRestart = computed(() => {
    const caps = this.state()?.capabilities ?? [];
    return this.auth.isAdmin() && (caps.length === 0 || caps.includes('services-restart'));
  });
  protected readonly capabilityNames = computed(() => this.state()?.capabilities ?? []);
  protected readonly watched = computed(() => (this.state()?.watchedServices ?? []).map((w) => w.name));

  /** Filesystems and interfaces: the latest full sample, fetched again when a new one is live. */
  private readonly sampleAt = computed(() => this.metrics()?.at ?? null);
  protected readonly sample = rxResource({
    params: () => ({ id: this.id(), at: this.sampleAt() }),
    stream: ({ params }) => this.records.live(params.id),
  });
  protected readonly info = rxResource({
    params: () => (this.state()?.online ? this.id() : undefined),
    stream: ({ params }) => this.hosts.info(params),
  });

  constructor() {
    effect(() => {
      if (this.tabParam() === 'docker') this.tab.set('docker');
    });
    effect(() => {
      // a user never sees the admin-only tabs, even if one was open for an admin account
      if (ADMIN_TABS.includes(this.tab()) && !this.auth.isAdmin()) this.tab.set('overview');
    });
  }

  protected infoError(): string {
    return agentErrorMessage(this.info.error());
  }

  protected infoRows(): [string, string][] {
    return serverFacts(this.state(), this.info.hasValue() ? this.info.value() : undefined);
  }
}
