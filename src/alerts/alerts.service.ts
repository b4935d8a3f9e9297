import { Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import { HubEvents, type HubTxEventMap } from '../common/events/hub-events.js';
import { inSilence } from '../common/silence/silence-window.js';
import { AppConfig } from '../config/app-config.js';
import { DockerLiveState } from '../docker/docker-live.service.js';
import { NotificationGroupsService } from '../notifications/notification-groups.service.js';
import { RecordsService } from '../records/records.service.js';
import { TrafficQueryService } from '../traffic/traffic-query.service.js';
import { applyTransition } from './active-alerts.js';
import { AlertEvaluator } from './alert-evaluator.js';
import { alertKey, type ActiveAlert, type EvalRule, type Transition } from './alert-model.js';
import { browserNotice, notificationOf } from './alert-notices.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertServers } from './alert-servers.js';
import { AlertStore } from './alert-store.js';
import { summarizeStorms } from './notification-storm.js';
import { RecentWindow } from './recent-window.js';
import { holdForMaintenance } from '../status/maintenance/hold-notifications.js';
import { MaintenanceWindows } from '../status/maintenance/maintenance-windows.js';

/**
 * Runs the evaluator every tick: rules × servers over the in-memory window, then persists the
 * transitions in one transaction that also publishes their notifications (`alert.notify`, queued
 * by the notifications feature in it), applies them to the in-memory active set, and publishes
 * `alert.changed` (live streams). Active alerts are reloaded at boot, so a restart neither
 * re-sends a firing alert nor forgets to resolve it.
 */
@Injectable()
export class AlertsService implements OnModuleInit, OnModuleDestroy {
  private readonly window: RecentWindow;
  private readonly evaluator: AlertEvaluator;
  private readonly active = new Map<string, ActiveAlert>();
  /** Notification group of every rule seen, kept after deletion to send the resolutions. */
  private readonly groupOf = new Map<string, string | null>();
  private running: Promise<void> | null = null;
  private unsubscribe: (() => void) | undefined;
  lastTickMs = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly rules: AlertRulesService,
    private readonly servers: AlertServers,
    private readonly store: AlertStore,
    private readonly records: RecordsService,
    private readonly traffic: TrafficQueryService,
    private readonly groups: NotificationGroupsService,
    private readonly events: HubEvents,
    private readonly docker: DockerLiveState,
    @Optional() private readonly maintenance?: MaintenanceWindows,
  ) {
    const gapMs = config.agents.offlineAfterMs;
    // Two evaluation periods (at least 20 s) of samples, at most 16 per server: what a tick folds in,
    // plus a short past for a new rule. A longer window kept 12 full samples per server alive for a
    // minute, which at 10,000 agents cost ~70 MB and a third of the ingest ceiling in GC.
    this.window = new RecentWindow(Math.max(20_000, 2 * config.alerts.evalIntervalMs), 16);
    this.evaluator = new AlertEvaluator(
      {
        samples: (id) => this.window.of(id),
        offlineSince: (id) => this.servers.offlineSince(id),
        cycleUsage: (id, now) => this.traffic.cycleUsage(id, now),
        silenced: (rule, now) => this.silenced(rule, now),
        containers: {
          snapshot: (id) => this.docker.snapshot(id),
          events: (id, sinceMs) => this.docker.recentEvents(id, sinceMs),
        },
      },
      gapMs,
    );
  }

  async onModuleInit(): Promise<void> {
    for (const a of await this.store.loadActive())
      this.active.set(alertKey(a.ruleId, a.serverId, a.container), a);
    this.unsubscribe = this.records.onSample((s) => this.window.add(s));
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.running?.catch(() => undefined);
  }

  /** Pending and firing alerts, newest first. */
  activeAlerts(serverId?: string): ActiveAlert[] {
    return [...this.active.values()]
      .filter((a) => serverId === undefined || a.serverId === serverId)
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  /** The pending or firing alert with this id (in memory), or undefined. */
  activeAlert(id: string): ActiveAlert | undefined {
    for (const a of this.active.values()) if (a.id === id) return a;
    return undefined;
  }

  /** One evaluation; overlapping calls share the running one. */
  tick(): Promise<void> {
    this.running ??= this.tickOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async tickOnce(): Promise<void> {
    const before = this.servers.all();
    this.servers.refresh();
    const servers = this.servers.all();
    if (servers !== before) this.window.retainOnly(new Set(servers.map((s) => s.id)));
    const rules = this.rules.all();
    for (const r of rules) this.groupOf.set(r.id, r.notificationGroupId);
    const now = this.clock.now();
    const started = performance.now();
    const transitions = this.evaluator.evaluate(now, rules, servers, this.active);
    holdForMaintenance(transitions, this.maintenance);
    this.lastTickMs = performance.now() - started;
    if (transitions.length === 0) return;
    await this.store.persist(
      summarizeStorms(transitions.map((t) => ({ transition: t, notification: this.notificationOf(t) }))),
    );
    for (const t of transitions) this.apply(t);
  }

  private silenced(rule: EvalRule, now: number): boolean {
    return inSilence(rule.silence, now) || this.groups.silenced(rule.notificationGroupId, now);
  }

  /** The notification a transition sends to its rule's group, or null when it sends none. */
  private notificationOf(t: Transition): HubTxEventMap['alert.notify'] | null {
    const publicUrl = this.config.publicUrl;
    switch (t.type) {
      case 'fire':
      case 'renotify':
        if (t.type === 'fire' && !t.notify) return null;
        return {
          alertId: t.alert.id,
          groupId: t.rule.notificationGroupId,
          message: notificationOf(t.alert, 'firing', t.reading, t.at, publicUrl),
        };
      case 'resolve':
        if (!t.notify) return null;
        return {
          alertId: t.alert.id,
          groupId: t.rule?.notificationGroupId ?? this.groupOf.get(t.alert.ruleId) ?? null,
          message: notificationOf(t.alert, 'resolved', t.reading, t.at, publicUrl, t.reason),
        };
      case 'pending':
      case 'cancel':
        return null;
    }
  }

  /** After the commit: the in-memory active set follows the database, and subscribers hear of it. */
  private apply(t: Transition): void {
    applyTransition(this.active, t);
    if (t.type === 'fire') {
      const notice = browserNotice(t.alert, 'triggered', t.reading.message, t.reading.value, t.at);
      this.events.emit('alert.changed', notice);
    } else if (t.type === 'resolve') {
      const message = t.reading?.message ?? t.reason;
      const notice = browserNotice(t.alert, 'resolved', message, t.reading?.value ?? null, t.at);
      this.events.emit('alert.changed', notice);
    }
  }
}
