import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { AlertNotice } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';
import { AuthService } from './auth.service';
import type { ActiveAlert } from './hub-types';
import { LiveStreamService } from './live-stream.service';
import { ToastService } from './toast.service';

/** A pending alert that stops holding leaves no frame: look again this often while any is pending. */
const PENDING_RECHECK_MS = 30_000;

/**
 * Pending and firing alerts, for the navigation badge, the overview and the server page:
 * `GET /alerts/active` after every (re)connect of the live stream, patched by its `alert` frames
 * (a firing one is added or updated, a resolved one removed) and re-read after each frame for
 * the details a frame does not carry.
 */
@Injectable({ providedIn: 'root' })
export class ActiveAlertsService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly live = inject(LiveStreamService);
  private readonly toasts = inject(ToastService);
  private readonly list = signal<ActiveAlert[]>([]);
  private recheck: ReturnType<typeof setTimeout> | null = null;

  /** Newest first. */
  readonly alerts = this.list.asReadonly();
  readonly firing = computed(() => this.list().filter((a) => a.state === 'firing'));
  /** False until the first answer: "no alerts" is not said while loading. */
  readonly loaded = signal(false);
  readonly error = signal(false);

  constructor() {
    effect(() => {
      if (this.live.syncCount() > 0) untracked(() => void this.refresh());
    });
    effect(() => {
      // signed out: what the previous account saw is not kept for the next one
      if (this.auth.me() === null) untracked(() => this.list.set([]));
    });
    const sub = this.live.alertNotices.subscribe((n) => this.onNotice(n));
    inject(DestroyRef).onDestroy(() => {
      sub.unsubscribe();
      if (this.recheck) clearTimeout(this.recheck);
    });
  }

  forServer(serverId: string): ActiveAlert[] {
    return this.list().filter((a) => a.serverId === serverId);
  }

  async refresh(): Promise<void> {
    try {
      const alerts = await firstValueFrom(this.http.get<ActiveAlert[]>('/api/v1/alerts/active'));
      this.list.set(alerts);
      this.error.set(false);
    } catch {
      this.error.set(true);
    } finally {
      this.loaded.set(true);
      this.scheduleRecheck();
    }
  }

  /** Applies one frame at once (the console shows it without waiting), then re-reads the list. */
  onNotice(n: AlertNotice): void {
    this.list.set(applyNotice(this.list(), n));
    // an acknowledgement or snooze (`update`) is no news worth a toast: the list shows it
    if (n.update === undefined) {
      if (n.state === 'triggered')
        this.toasts.error(`Alert: ${n.ruleName} on ${n.serverName} — ${n.message}`);
      else this.toasts.success(`Resolved: ${n.ruleName} on ${n.serverName}`);
    }
    void this.refresh();
  }

  private scheduleRecheck(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = null;
    if (!this.list().some((a) => a.state === 'pending')) return;
    this.recheck = setTimeout(() => void this.refresh(), PENDING_RECHECK_MS);
  }
}

/** The active list after one frame: a triggered alert replaces its pending episode, a resolved one leaves. */
export function applyNotice(list: readonly ActiveAlert[], n: AlertNotice): ActiveAlert[] {
  const rest = list.filter((a) => a.id !== n.id);
  if (n.state === 'resolved') return rest;
  const at = Date.parse(n.at);
  const before = list.find((a) => a.id === n.id);
  const firing: ActiveAlert = {
    id: n.id,
    ruleId: n.ruleId,
    ruleName: n.ruleName,
    serverId: n.serverId,
    serverName: n.serverName,
    container: n.container ?? before?.container ?? null,
    severity: n.severity,
    state: 'firing',
    startedAt: before?.startedAt ?? at,
    // an acknowledgement or snooze keeps the time it fired
    firedAt: n.update ? (before?.firedAt ?? at) : at,
    lastNotifiedAt: before?.lastNotifiedAt ?? null,
    notificationCount: before?.notificationCount ?? 0,
    value: n.value,
    message: n.message,
    acknowledgedAt: n.acknowledgedAt ? Date.parse(n.acknowledgedAt) : null,
    acknowledgedBy: n.acknowledgedBy ?? null,
    ackComment: n.ackComment ?? null,
    snoozedUntil: n.snoozedUntil ? Date.parse(n.snoozedUntil) : null,
  };
  return [firing, ...rest].sort((a, b) => b.startedAt - a.startedAt);
}
