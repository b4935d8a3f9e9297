import { describe, expect, it } from '@jest/globals';
import { recoveryCodeSchema } from '@hivewatch/protocol';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';

describe('recovery codes', () => {
  it('are 10 distinct ABCD-EFGH-IJKL-MNOP codes that the protocol accepts', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
      expect(recoveryCodeSchema.parse(code)).toBe(code.replace(/-/g, ''));
    }
  });

  it('hash the same however the user types them', () => {
    const [code] = newRecoveryCodes() as [string];
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ')} `;
    expect(recoveryCodeHash(typed)).toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(code)).toMatch(/^[0-9a-f]{64}$/);
  });
});
