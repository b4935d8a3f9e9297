import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { randomSecret } from './secrets.js';
import { AppConfig } from '../../config/app-config.js';
import { SettingsStore } from '../../database/settings.store.js';

const KEY_SETTING = 'notifications.secret-key';
const VERSION = 'v1';

/**
 * What a sealed value is for: each purpose gets its own key (HKDF `info`), so a value sealed for
 * one can never be opened as another. Notification channel secrets keep the original derivation.
 */
export type SealPurpose = 'notification-channel-secrets' | 'totp-secret' | 'sso-flow' | 'sso-id-token';
const DEFAULT_PURPOSE: SealPurpose = 'notification-channel-secrets';

/**
 * Seals secrets (channel bot tokens, passwords and header values; TOTP secrets; SSO flow data and
 * ID tokens) with AES-256-GCM, so none is stored in clear. The key is derived (HKDF, one per
 * {@link SealPurpose}) from HIVEWATCH_JWT_SECRET when set, else from a random key kept in the
 * configs table (shared by every hub instance).
 */
@Injectable()
export class SecretBox {
  private readonly keys = new Map<SealPurpose, Promise<Buffer>>();

  constructor(
    private readonly config: AppConfig,
    private readonly settings: SettingsStore,
  ) {}

  async seal(secrets: Record<string, unknown>, purpose: SealPurpose = DEFAULT_PURPOSE): Promise<string> {
    const key = await this.keyOnce(purpose);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  async open(sealed: string, purpose: SealPurpose = DEFAULT_PURPOSE): Promise<Record<string, unknown>> {
    if (sealed === '') return {};
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || data === undefined)
      throw new Error('unreadable sealed secrets');
    const decipher = createDecipheriv('aes-256-gcm', await this.keyOnce(purpose), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
    return JSON.parse(text) as Record<string, unknown>;
  }

  private keyOnce(purpose: SealPurpose): Promise<Buffer> {
    let key = this.keys.get(purpose);
    if (!key) {
      key = this.loadKey(purpose).catch((err: unknown) => {
        this.keys.delete(purpose);
        throw err;
      });
      this.keys.set(purpose, key);
    }
    return key;
  }

  private async loadKey(purpose: SealPurpose): Promise<Buffer> {
    const material =
      this.config.jwtSecret ?? (await this.settings.getOrCreate(KEY_SETTING, () => randomSecret(32)));
    return Buffer.from(hkdfSync('sha256', material, 'hivewatch', purpose, 32));
  }
}
