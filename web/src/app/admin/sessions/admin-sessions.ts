import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { TerminalSessionView } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';
import { LiveStreamService } from '../../core/live-stream.service';
import { ConfirmButton } from '../../shared/confirm-button';
import { errorMessage } from '../../shared/errors';
import { bytes, dateTime, duration } from '../../shared/format';
import { resourceList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { injectRunAction } from '../../shared/list/run-action';
import { endReasonText } from '../../shared/terminal-end-reasons';
import { UsersApi } from '../users/users.api';
import { type Cast, parseAsciicast } from './asciicast';
import { CastPlayer } from './cast-player';
import { type SessionFilter, SessionsApi, recordingUrl } from './sessions.api';

const LIVE_REFRESH_MS = 10_000;

/** Administration → Sessions: terminal sessions live and past, ending one, their recordings. */
@Component({
  selector: 'hw-admin-sessions',
  imports: [FormsModule, ListView, ConfirmButton, CastPlayer],
  templateUrl: './admin-sessions.html',
  styleUrl: './admin-sessions.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminSessions {
  private readonly api = inject(SessionsApi);
  private readonly run = injectRunAction();
  private readonly live = inject(LiveStreamService);
  protected readonly fmt = { bytes, dateTime, duration, endReasonText, recordingUrl };

  private readonly tick = signal(0);
  protected readonly filter = signal<SessionFilter>({ serverId: '', userId: '' });
  protected draft: SessionFilter = { serverId: '', userId: '' };

  protected readonly liveSessions = rxResource({
    params: () => this.tick(),
    stream: () => this.api.list(true, { serverId: '', userId: '' }),
  });
  protected readonly liveList = resourceList(this.liveSessions);
  protected readonly past = rxResource({
    params: () => ({ filter: this.filter(), tick: this.tick() }),
    stream: ({ params }) => this.api.list(false, params.filter),
  });
  protected readonly pastList = resourceList(this.past);

  protected readonly servers = computed(() =>
    [...this.live.servers().values()].sort((a, b) => a.name.localeCompare(b.name)),
  );
  private readonly usersApi = inject(UsersApi);
  protected readonly users = rxResource({ stream: () => this.usersApi.list() });

  protected readonly replaying = signal<{ session: TerminalSessionView; cast: Cast } | null>(null);
  protected readonly replayError = signal<string | null>(null);
  protected readonly now = signal(Date.now());

  constructor() {
    const timer = setInterval(() => {
      this.now.set(Date.now());
      this.tick.update((t) => t + 1);
    }, LIVE_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected apply(): void {
    this.filter.set({ ...this.draft });
  }

  protected liveFor(s: TerminalSessionView): number {
    return Math.max(0, (this.now() - new Date(s.startedAt).getTime()) / 1000);
  }

  protected from(s: TerminalSessionView): string {
    return s.remoteAddress ?? '—';
  }

  protected async end(s: TerminalSessionView): Promise<void> {
    await this.run(this.api.end(s.id), `Session on ${s.serverName} ended.`, () =>
      this.tick.update((t) => t + 1),
    );
  }

  protected async replay(s: TerminalSessionView): Promise<void> {
    this.replayError.set(null);
    this.replaying.set(null);
    try {
      const text = await firstValueFrom(this.api.recording(s.id));
      this.replaying.set({ session: s, cast: parseAsciicast(text) });
    } catch (e) {
      this.replayError.set(e instanceof Error && !('status' in e) ? e.message : errorMessage(e));
    }
  }
}
