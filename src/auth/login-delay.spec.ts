import { describe, expect, it } from '@jest/globals';
import { LoginDelay, MAX_DELAYED_PER_ADDRESS, MAX_DELAYED_SIGN_INS } from './login-delay.js';

describe('LoginDelay', () => {
  it('lets at most two sign-ins from one address wait; the third is refused without waiting', async () => {
    const delay = new LoginDelay();
    const waiting = Array.from({ length: MAX_DELAYED_PER_ADDRESS }, () => delay.wait(50, '10.0.0.1'));
    const started = Date.now();
    await expect(delay.wait(50, '10.0.0.1')).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(40);
    await expect(delay.wait(50, '10.0.0.2')).resolves.toBe(true);
    await expect(Promise.all(waiting)).resolves.toEqual([true, true]);
    expect(delay.waiting).toBe(0);
    await expect(delay.wait(1, '10.0.0.1')).resolves.toBe(true);
  });

  it('bounds the sign-ins waiting over all addresses', async () => {
    const delay = new LoginDelay();
    const waiting = Array.from({ length: MAX_DELAYED_SIGN_INS }, (_, i) =>
      delay.wait(50, `10.1.${i >> 8}.${i & 255}`),
    );
    expect(delay.waiting).toBe(MAX_DELAYED_SIGN_INS);
    await expect(delay.wait(50, '10.9.9.9')).resolves.toBe(false);
    await Promise.all(waiting);
    expect(delay.waiting).toBe(0);
  });

  it('does not wait at all for a zero delay', async () => {
    await expect(new LoginDelay().wait(0, null)).resolves.toBe(true);
  });
});
