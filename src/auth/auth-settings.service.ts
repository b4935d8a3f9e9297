import {
  authSettingsSchema,
  DEFAULT_AUTH_SETTINGS,
  type AuthSettings,
  type UpdateAuthSettingsInput,
} from '@hivewatch/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { SettingsStore } from '../database/settings.store.js';

const KEY = 'auth.settings';
/** Other hub instances see a change within this time (the row is the source of truth). */
const CACHE_MS = 5_000;

/**
 * Sign-in policy (registration, linking by e-mail, mandatory second factor for admins, local
 * sign-in switch, SSO second-factor policy, step-up window), kept as one JSON row in `configs` so
 * every hub instance shares it. A stored value that no longer parses falls back to the defaults for
 * the keys it lacks, loudly.
 */
@Injectable()
export class AuthSettingsService {
  private readonly logger = new Logger(AuthSettingsService.name);
  private cached: { value: AuthSettings; at: number } | undefined;

  constructor(private readonly store: SettingsStore) {}

  async get(): Promise<AuthSettings> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const value = this.parse(await this.store.get(KEY));
    this.cached = { value, at: now };
    return value;
  }

  /** Applies a validated partial update and returns the whole new policy. */
  async update(change: UpdateAuthSettingsInput): Promise<AuthSettings> {
    const next = authSettingsSchema.parse({ ...(await this.fresh()), ...change });
    await this.store.set(KEY, JSON.stringify(next));
    this.cached = { value: next, at: Date.now() };
    return next;
  }

  private async fresh(): Promise<AuthSettings> {
    this.cached = undefined;
    return this.get();
  }

  private parse(raw: string | null): AuthSettings {
    if (raw === null) return DEFAULT_AUTH_SETTINGS;
    let stored: unknown;
    try {
      stored = JSON.parse(raw);
    } catch {
      stored = {};
    }
    const merged = authSettingsSchema.safeParse({ ...DEFAULT_AUTH_SETTINGS, ...(stored as object) });
    if (merged.success) return merged.data;
    this.logger.error(
      { issues: merged.error.issues.length },
      'stored sign-in settings are invalid: using defaults',
    );
    return DEFAULT_AUTH_SETTINGS;
  }
}
