import type { AuthSettings, UpdateAuthSettingsInput } from '@hivewatch/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { ConflictError } from '../common/errors/domain-errors.js';
import { UsersService } from '../users/users.service.js';
import { AuthSettingsService } from './auth-settings.service.js';

/** Admin changes to the sign-in policy, checked so that nobody can lock every admin out. */
@Injectable()
export class AuthPolicyService {
  private readonly logger = new Logger(AuthPolicyService.name);

  constructor(
    private readonly settings: AuthSettingsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async update(actor: Principal, change: UpdateAuthSettingsInput, ip: string | null): Promise<AuthSettings> {
    const before = await this.settings.get();
    const next = { ...before, ...change };
    if (!next.localSignIn) await this.checkBreakGlass(next.breakGlassUsername);
    const saved = await this.settings.update(change);
    const changed = (Object.keys(change) as (keyof AuthSettings)[]).filter((k) => before[k] !== saved[k]);
    await this.audit.record({
      actor,
      action: 'settings.auth.update',
      target: { type: 'settings', id: 'auth' },
      ip,
      detail: { changed, ...Object.fromEntries(changed.map((k) => [k, saved[k]])) },
    });
    this.logger.log({ changed }, 'sign-in policy changed');
    return saved;
  }

  /** Local sign-in may only go off while a named, active admin with a password keeps it. */
  private async checkBreakGlass(username: string | null): Promise<void> {
    const user = username ? await this.users.findByUsername(username) : null;
    const problem = !username
      ? 'name breakGlassUsername'
      : !user
        ? `there is no user ${username}`
        : user.role !== 'admin' || user.disabled
          ? `${username} is not an active admin`
          : !user.passwordHash
            ? `${username} has no password`
            : null;
    if (problem) {
      throw new ConflictError(
        `Local sign-in can only be turned off while a break-glass admin keeps it: ${problem}`,
      );
    }
  }
}
