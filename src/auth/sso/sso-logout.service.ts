import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { Session } from '../session.entity.js';
import { SsoProviders } from './sso-providers.js';

/**
 * RP-initiated logout: for a session opened by a provider that gave an ID token, the provider's
 * logout URL (with `id_token_hint`), so signing out of the hub can end the provider session too.
 */
@Injectable()
export class SsoLogoutService {
  private readonly logger = new Logger(SsoLogoutService.name);

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly providers: SsoProviders,
    private readonly box: SecretBox,
  ) {}

  /** Call before the session is revoked; null when the session has no ID token or the provider no logout. */
  async providerLogoutUrl(sessionId: string | undefined): Promise<string | null> {
    if (!sessionId) return null;
    const session = await this.sessions.findOneBy({ id: sessionId });
    const providerId = /^sso:([a-z0-9-]+)$/.exec(session?.method ?? '')?.[1];
    const adapter = providerId ? this.providers.find(providerId) : null;
    if (!session?.idTokenSealed || !adapter) return null;
    try {
      const { idToken } = await this.box.open(session.idTokenSealed, 'sso-id-token');
      if (typeof idToken !== 'string') return null;
      const url = await adapter.logoutUrl(idToken, this.providers.postLogoutRedirectUri());
      return url?.href ?? null;
    } catch (err) {
      // signing out of the hub must not fail because the provider is unreachable
      this.logger.warn({ provider: adapter.id, err: (err as Error).name }, 'no provider logout URL');
      return null;
    }
  }
}
