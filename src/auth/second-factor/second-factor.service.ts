import type { RecoveryCodes, TotpEnrollment } from '@hivewatch/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/auth/clock.js';
import type { Principal } from '../../common/auth/principal.js';
import { ConflictError, ForbiddenActionError } from '../../common/errors/domain-errors.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { SessionsService } from '../sessions.service.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { SecondFactor } from './second-factor.entity.js';
import { matchTotpStep, newTotpSecret, totpEnrollmentUrls } from './totp.js';

/** A second factor belongs to a person at a console, not to automation holding a key or token. */
function requireSession(principal: Principal): void {
  if (principal.via !== 'session') {
    throw new ForbiddenActionError(
      'Manage your second factor from a signed-in console session, not with a key or token',
    );
  }
}

/** A second-factor proof as a user gives it (already normalised by the protocol schemas). */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

/**
 * TOTP enrollment, verification and recovery codes. The TOTP secret is sealed at rest; a code is
 * accepted once (its time step must be later than the last accepted one, checked and recorded in
 * one conditional UPDATE so two concurrent requests cannot both use it); a recovery code once.
 */
@Injectable()
export class SecondFactorService {
  private readonly logger = new Logger(SecondFactorService.name);

  constructor(
    @InjectRepository(SecondFactor) private readonly factors: Repository<SecondFactor>,
    @InjectRepository(RecoveryCode) private readonly codes: Repository<RecoveryCode>,
    private readonly box: SecretBox,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(userId: string): Promise<SecondFactorStatus> {
    const factor = await this.factors.findOneBy({ userId });
    const enabled = Boolean(factor?.confirmedAt);
    const recoveryCodesLeft = enabled ? await this.codes.countBy({ userId, usedAt: IsNull() }) : 0;
    return { enabled, enabledAt: factor?.confirmedAt ?? null, recoveryCodesLeft };
  }

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.status(userId)).enabled;
  }

  /** Starts (or restarts) an enrollment: a new secret, pending until confirmed with a code. */
  async enroll(principal: Principal, ip: string | null): Promise<TotpEnrollment> {
    requireSession(principal);
    if (await this.isEnabled(principal.userId)) {
      throw new ConflictError('A second factor is already enabled: disable it first to enroll a new one');
    }
    const secret = newTotpSecret();
    const row = this.factors.create({
      userId: principal.userId,
      secretSealed: await this.box.seal({ secret }, 'totp-secret'),
      confirmedAt: null,
      lastUsedStep: null,
      createdAt: new Date(this.clock.now()),
    });
    await this.factors.save(row);
    await this.record(principal, 'auth.second-factor.enroll', ip);
    return { secret, ...(await totpEnrollmentUrls(secret, principal.username)) };
  }

  /** Confirms a pending enrollment with a code; answers the recovery codes, shown this once. */
  async confirm(principal: Principal, code: string, ip: string | null): Promise<RecoveryCodes> {
    requireSession(principal);
    const factor = await this.factors.findOneBy({ userId: principal.userId });
    if (!factor || factor.confirmedAt) {
      throw new ConflictError('No second-factor enrollment is pending: start one first');
    }
    if ((await this.acceptTotp(factor, code, false)) === null) {
      await this.record(principal, 'auth.second-factor.confirm', ip, 'failure', { reason: 'bad-code' });
      throw new ForbiddenActionError('That code is not valid: check the time on your device and try again');
    }
    await this.factors.update({ userId: principal.userId }, { confirmedAt: new Date(this.clock.now()) });
    const recoveryCodes = await this.replaceRecoveryCodes(principal.userId);
    await this.sessions.clearMustEnroll(principal.userId);
    await this.record(principal, 'auth.second-factor.confirm', ip);
    this.logger.log({ userId: principal.userId }, 'second factor enabled');
    return { recoveryCodes };
  }

  async disable(principal: Principal, ip: string | null): Promise<void> {
    requireSession(principal);
    const removed = await this.factors.delete({ userId: principal.userId });
    await this.codes.delete({ userId: principal.userId });
    if (!removed.affected) throw new ConflictError('No second factor is enabled');
    await this.record(principal, 'auth.second-factor.disable', ip);
    this.logger.log({ userId: principal.userId }, 'second factor disabled');
  }

  async regenerateRecoveryCodes(principal: Principal, ip: string | null): Promise<RecoveryCodes> {
    requireSession(principal);
    if (!(await this.isEnabled(principal.userId))) throw new ConflictError('No second factor is enabled');
    const recoveryCodes = await this.replaceRecoveryCodes(principal.userId);
    await this.record(principal, 'auth.recovery-codes.regenerate', ip);
    return { recoveryCodes };
  }

  /** Checks (and spends) a proof for an enabled second factor; the method it used, or null. */
  async verify(userId: string, proof: SecondFactorProof): Promise<'totp' | 'recovery-code' | null> {
    const factor = await this.factors.findOneBy({ userId });
    if (!factor?.confirmedAt) return null;
    if ('code' in proof) return (await this.acceptTotp(factor, proof.code, true)) === null ? null : 'totp';
    const spent = await this.codes
      .createQueryBuilder()
      .update()
      .set({ usedAt: new Date(this.clock.now()) })
      .where('"userId" = :userId AND "codeHash" = :hash AND "usedAt" IS NULL', {
        userId,
        hash: recoveryCodeHash(proof.recoveryCode),
      })
      .execute();
    return spent.affected ? 'recovery-code' : null;
  }

  /** The accepted time step, or null for a wrong code or a replay of an accepted step. */
  private async acceptTotp(factor: SecondFactor, code: string, confirmed: boolean): Promise<number | null> {
    const { secret } = await this.box.open(factor.secretSealed, 'totp-secret');
    if (typeof secret !== 'string') return null;
    const step = matchTotpStep(secret, code, this.clock.now());
    if (step === null) return null;
    const accepted = await this.factors
      .createQueryBuilder()
      .update()
      .set({ lastUsedStep: step })
      .where('"userId" = :userId AND ("lastUsedStep" IS NULL OR "lastUsedStep" < :step)', {
        userId: factor.userId,
        step,
      })
      .andWhere(confirmed ? '"confirmedAt" IS NOT NULL' : '"confirmedAt" IS NULL')
      .execute();
    return accepted.affected ? step : null;
  }

  private async replaceRecoveryCodes(userId: string): Promise<string[]> {
    const plain = newRecoveryCodes();
    const now = new Date(this.clock.now());
    await this.codes.delete({ userId });
    await this.codes.insert(
      plain.map((code) => ({
        id: randomUUID(),
        userId,
        codeHash: recoveryCodeHash(code),
        usedAt: null,
        createdAt: now,
      })),
    );
    return plain;
  }

  private record(
    actor: Principal,
    action: string,
    ip: string | null,
    outcome: 'success' | 'failure' = 'success',
    detail?: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      actor,
      action,
      outcome,
      target: { type: 'user', id: actor.userId },
      ip,
      detail,
    });
  }
}
