import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword, randomSecret } from '../common/crypto/secrets.js';
import { AppConfig } from '../config/app-config.js';
import { InitialCredentialsBanner } from './initial-credentials-banner.js';
import { InitialCredentialsFile } from './initial-credentials-file.js';
import { UsersService } from './users.service.js';

/**
 * On the very first start (no user at all; migrations have run by now), creates the admin from
 * HIVEWATCH_ADMIN_USERNAME / HIVEWATCH_ADMIN_PASSWORD, generating and printing the password once
 * when none is configured (and keeping it in a 0600 file until its first use: InitialCredentialsFile).
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly banner: InitialCredentialsBanner,
    private readonly credentialsFile: InitialCredentialsFile,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const { username } = this.config.admin;
    const configured = this.config.admin.password;
    const password = configured ?? randomSecret(18);
    const admin = await this.users.createInitialAdmin(username, await hashPassword(password));
    if (!admin) return;
    this.logger.log(
      { username, passwordSource: configured ? 'environment' : 'generated' },
      'initial admin created',
    );
    await this.audit.record({
      actor: { via: 'system' },
      action: 'user.create',
      target: { type: 'user', id: admin.id },
      detail: { username, role: 'admin', initial: true },
    });
    if (configured) return;
    this.credentialsFile.write(username, password);
    this.banner.print(username, password, this.credentialsFile.path);
  }
}
