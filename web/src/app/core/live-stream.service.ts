import { Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AlertNotice, BrowserFrame, ServerState } from '@hivewatch/protocol';
import { Subject } from 'rxjs';
import { DockerLiveService } from '../docker/docker-live.service';
import { AuthService } from './auth.service';

export type StreamStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

/** Close code the hub uses when the session is not (or no longer) valid (docs/streams.md). */
const SESSION_CLOSED = 4401;
const MAX_BACKOFF_MS = 30_000;

/** Factory seam so tests can hand in a fake socket. */
export const socketFactory = { create: (url: string): WebSocket => new WebSocket(url) };

/**
 * The console stream `/api/v1/ws`: a map of every server's live state, replaced wholesale by each
 * `full_sync` and patched by `update` / `server_online` / `server_offline`. Reconnects with
 * jittered exponential backoff; the hub sends a `full_sync` on every connect, so nothing is missed.
 */
@Injectable({ providedIn: 'root' })
export class LiveStreamService {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly docker = inject(DockerLiveService);
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  private wanted = false;

  readonly servers = signal<ReadonlyMap<string, ServerState>>(new Map());
  readonly status = signal<StreamStatus>('idle');
  /** Set once the first full_sync arrived (distinguishes "loading" from "no servers"). */
  readonly synced = signal(false);
  /** Counts full_sync frames: each one follows a (re)connect, after which frames may have been missed. */
  readonly syncCount = signal(0);
  /** Alert state changes (`alert` frames), as events: two in one tick must not collapse into one. */
  readonly alertNotices = new Subject<AlertNotice>();

  start(): void {
    this.wanted = true;
    if (!this.socket && !this.retryTimer) this.connect();
  }

  stop(): void {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.close(1000);
    this.socket = null;
    this.status.set('idle');
  }

  /** Applies one frame; public for tests and for the overview benchmark. */
  apply(frame: BrowserFrame): void {
    switch (frame.type) {
      case 'full_sync':
        this.servers.set(new Map(frame.servers.map((s) => [s.id, s])));
        this.synced.set(true);
        this.syncCount.update((n) => n + 1);
        return;
      case 'update': {
        if (frame.servers.length === 0) return;
        const next = new Map(this.servers());
        for (const s of frame.servers) next.set(s.id, s);
        this.servers.set(next);
        return;
      }
      case 'server_online':
      case 'server_offline': {
        const current = this.servers().get(frame.serverId);
        const online = frame.type === 'server_online';
        if (!current || current.online === online) return;
        const next = new Map(this.servers());
        next.set(frame.serverId, { ...current, online, offlineSince: online ? null : frame.at });
        this.servers.set(next);
        return;
      }
      case 'alert':
        this.alertNotices.next(frame.alert);
        return;
      case 'docker_update':
      case 'docker_event':
      case 'docker_availability_changed':
        this.docker.apply(frame); // for the Docker screens
        return;
    }
  }

  private connect(): void {
    this.status.set(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`;
    const ws = socketFactory.create(url);
    this.socket = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.status.set('live');
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      try {
        this.apply(JSON.parse(ev.data) as BrowserFrame);
      } catch {
        // a frame we cannot read is dropped; the next full_sync repairs the state
      }
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (!this.wanted) return;
      if (ev.code === SESSION_CLOSED) {
        this.stop();
        this.auth.forget();
        void this.router.navigate(['/sign-in'], { queryParams: { next: this.router.url } });
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.status.set('reconnecting');
    const delay = backoffDelay(this.attempts++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.wanted) this.connect();
    }, delay);
  }
}

/** 1 s, 2 s, 4 s … capped at 30 s, each with ±30 % jitter so browsers do not reconnect in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.7 + 0.6 * random()));
}
