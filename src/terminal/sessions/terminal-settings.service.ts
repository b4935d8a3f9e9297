import {
  TERMINAL_SESSIONS_PER_SERVER_DEFAULT,
  TERMINAL_SESSIONS_PER_USER_DEFAULT,
  terminalSettingsSchema,
  type TerminalSettings,
} from '@hivewatch/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import type { AnonymousActor, Principal } from '../../common/auth/principal.js';
import { SettingsStore } from '../../database/settings.store.js';

const KEY = 'terminal.settings';
/** Other hub instances see a change within this time (the row is the source of truth). */
const CACHE_MS = 5_000;

export const DEFAULT_TERMINAL_SETTINGS: TerminalSettings = {
  recording: false,
  maxSessionsPerServer: TERMINAL_SESSIONS_PER_SERVER_DEFAULT,
  maxSessionsPerUser: TERMINAL_SESSIONS_PER_USER_DEFAULT,
};

/**
 * Terminal settings (docs/terminal.md): the global recording switch and the session limits, one
 * JSON row in `configs` shared by every hub instance. A stored value that no longer parses falls
 * back to the defaults for the keys it lacks, loudly.
 */
@Injectable()
export class TerminalSettingsService {
  private readonly logger = new Logger(TerminalSettingsService.name);
  private cached: { value: TerminalSettings; at: number } | undefined;

  constructor(
    private readonly store: SettingsStore,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<TerminalSettings> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const value = this.parse(await this.store.get(KEY));
    this.cached = { value, at: now };
    return value;
  }

  /** Replaces the settings (already validated) and audits the change with before and after. */
  async update(
    next: TerminalSettings,
    actor: Principal | AnonymousActor,
    ip: string | null,
  ): Promise<TerminalSettings> {
    this.cached = undefined;
    const before = await this.get();
    await this.store.set(KEY, JSON.stringify(next));
    this.cached = { value: next, at: Date.now() };
    await this.audit.record({
      actor,
      ip,
      action: 'terminal.settings.update',
      target: { type: 'settings', id: KEY },
      detail: { before, after: next },
    });
    return next;
  }

  private parse(raw: string | null): TerminalSettings {
    if (raw === null) return DEFAULT_TERMINAL_SETTINGS;
    let stored: unknown;
    try {
      stored = JSON.parse(raw);
    } catch {
      stored = {};
    }
    const merged = terminalSettingsSchema.safeParse({ ...DEFAULT_TERMINAL_SETTINGS, ...(stored as object) });
    if (merged.success) return merged.data;
    this.logger.error(
      { issues: merged.error.issues.length },
      'stored terminal settings are invalid: using defaults',
    );
    return DEFAULT_TERMINAL_SETTINGS;
  }
}
