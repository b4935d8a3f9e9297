import type { SsoProvider } from '@hivewatch/protocol';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { SsoFailure, type SsoProviderAdapter } from './sso-provider.js';

/** The adapters built from `AppConfig.sso` (see sso-providers.module.ts), one per configured provider. */
export const SSO_ADAPTERS = Symbol('SSO_ADAPTERS');

/**
 * The configured sign-in providers by id, and the one redirect URI each is registered with:
 * `HIVEWATCH_PUBLIC_URL/api/v1/auth/sso/<id>/callback`, never built from request headers (the
 * configuration refuses providers without a public URL).
 */
@Injectable()
export class SsoProviders {
  private readonly byId: Map<string, SsoProviderAdapter>;

  constructor(
    @Inject(SSO_ADAPTERS) adapters: SsoProviderAdapter[],
    private readonly config: AppConfig,
  ) {
    this.byId = new Map(adapters.map((a) => [a.id, a]));
  }

  list(): SsoProvider[] {
    return [...this.byId.values()].map(({ id, kind, displayName }) => ({ id, kind, displayName }));
  }

  find(id: string): SsoProviderAdapter | null {
    return this.byId.get(id) ?? null;
  }

  /** The adapter, or `SsoFailure('refused')` for an id that is not configured. */
  require(id: string): SsoProviderAdapter {
    const adapter = this.find(id);
    if (!adapter) throw new SsoFailure('refused', `no provider ${id}`);
    return adapter;
  }

  redirectUri(id: string): string {
    return `${this.publicUrl()}/api/v1/auth/sso/${id}/callback`;
  }

  /** Where the provider sends the browser after RP-initiated logout. */
  postLogoutRedirectUri(): string {
    return `${this.publicUrl()}/sign-in`;
  }

  private publicUrl(): string {
    // unreachable when a provider is configured: parseSsoConfig refuses to boot without it
    if (!this.config.publicUrl) throw new SsoFailure('refused', 'HIVEWATCH_PUBLIC_URL is not set');
    return this.config.publicUrl;
  }
}
