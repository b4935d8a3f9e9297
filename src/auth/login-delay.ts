import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/** Sign-ins that may wait out an account delay at the same time, over all addresses. */
export const MAX_DELAYED_SIGN_INS = 256;
/** … and from one address: an attacker cannot park thousands of slow requests on the hub. */
export const MAX_DELAYED_PER_ADDRESS = 2;

/**
 * Holds a sign-in for its account delay (see LoginRateLimiter) while bounding how many requests wait:
 * beyond the caps the attempt is refused at once (429) instead of holding a connection.
 */
@Injectable()
export class LoginDelay {
  private total = 0;
  private readonly perAddress = new Map<string, number>();

  /** Waits `ms`; false (without waiting) when too many sign-ins already wait. */
  async wait(ms: number, ip: string | null): Promise<boolean> {
    if (ms <= 0) return true;
    const address = ip ?? 'unknown';
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (this.total >= MAX_DELAYED_SIGN_INS || fromAddress >= MAX_DELAYED_PER_ADDRESS) return false;
    this.total++;
    this.perAddress.set(address, fromAddress + 1);
    try {
      await sleep(ms);
      return true;
    } finally {
      this.total--;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    }
  }

  /** Sign-ins waiting now (for tests and diagnostics). */
  get waiting(): number {
    return this.total;
  }
}
