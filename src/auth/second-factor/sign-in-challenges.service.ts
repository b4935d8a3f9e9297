import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, type Repository } from 'typeorm';
import { Clock } from '../../common/auth/clock.js';
import { randomSecret, sha256Hex } from '../../common/crypto/secrets.js';
import { SignInChallenge } from './sign-in-challenge.entity.js';

/** How long a passed first factor waits for the second. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes a challenge survives; the next one spends it (the user signs in again). */
export const CHALLENGE_MAX_FAILURES = 5;

/** Sign-ins waiting for their second factor: random values, stored as SHA-256, short-lived. */
@Injectable()
export class SignInChallengesService {
  constructor(
    @InjectRepository(SignInChallenge) private readonly repo: Repository<SignInChallenge>,
    private readonly clock: Clock,
  ) {}

  async create(
    userId: string,
    method: string,
    ip: string | null,
    idTokenSealed: string | null,
  ): Promise<{ challenge: string; expiresAt: Date }> {
    const challenge = randomSecret(32);
    const now = this.clock.now();
    const expiresAt = new Date(now + CHALLENGE_TTL_MS);
    await this.repo.insert({
      id: randomUUID(),
      tokenHash: sha256Hex(challenge),
      userId,
      method,
      ip: ip?.slice(0, 64) ?? null,
      failedAttempts: 0,
      idTokenSealed,
      expiresAt,
      createdAt: new Date(now),
    });
    return { challenge, expiresAt };
  }

  /** The live challenge for a value, or null (unknown, expired or spent). */
  async find(challenge: string): Promise<SignInChallenge | null> {
    const row = await this.repo.findOneBy({ tokenHash: sha256Hex(challenge) });
    if (!row) return null;
    if (row.expiresAt.getTime() > this.clock.now()) return row;
    await this.repo.delete({ id: row.id });
    return null;
  }

  /** Counts a wrong code; the challenge is spent after {@link CHALLENGE_MAX_FAILURES}. Attempts left. */
  async recordFailure(row: SignInChallenge): Promise<number> {
    const failures = row.failedAttempts + 1;
    if (failures >= CHALLENGE_MAX_FAILURES) await this.repo.delete({ id: row.id });
    else await this.repo.update({ id: row.id }, { failedAttempts: failures });
    return Math.max(0, CHALLENGE_MAX_FAILURES - failures);
  }

  /** Spends the challenge; false when another request already did. */
  async consume(row: SignInChallenge): Promise<boolean> {
    const result = await this.repo.delete({ id: row.id });
    return Boolean(result.affected);
  }

  async deleteExpired(): Promise<number> {
    const result = await this.repo.delete({ expiresAt: LessThanOrEqual(new Date(this.clock.now())) });
    return result.affected ?? 0;
  }
}
