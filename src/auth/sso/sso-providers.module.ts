import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config.js';
import { DatabaseModule } from '../../database/database.module.js';
import { SecretBoxModule } from '../../common/crypto/secret-box.module.js';
import { Session } from '../session.entity.js';
import { GithubAdapter } from './github/github.adapter.js';
import { OidcProviderAdapter } from './oidc/oidc-provider.adapter.js';
import type { SsoProviderAdapter } from './sso-provider.js';
import { SSO_ADAPTERS, SsoProviders } from './sso-providers.js';
import { SsoLogoutService } from './sso-logout.service.js';

/**
 * One adapter per configured provider. OIDC and Google adapters come from src/auth/sso/oidc, GitHub
 * from src/auth/sso/github.
 */
export function buildSsoAdapters(config: AppConfig): SsoProviderAdapter[] {
  const adapters: SsoProviderAdapter[] = config.sso.oidc.map((p) => new OidcProviderAdapter(p));
  if (config.sso.github) adapters.push(new GithubAdapter(config.sso.github));
  return adapters;
}

/**
 * The provider registry and RP-initiated logout: a module of its own so that sign-out (AuthModule)
 * and the SSO routes (SsoModule) both use it without importing each other.
 */
@Module({
  imports: [SecretBoxModule, DatabaseModule, TypeOrmModule.forFeature([Session])],
  providers: [
    { provide: SSO_ADAPTERS, useFactory: buildSsoAdapters, inject: [AppConfig] },
    SsoProviders,
    SsoLogoutService,
  ],
  exports: [SsoProviders, SsoLogoutService, SecretBoxModule],
})
export class SsoProvidersModule {}
