import { describe, expect, it } from '@jest/globals';
import { inSilence } from './silence-window.js';

describe('silence windows (UTC)', () => {
  it('plain and wrapping windows', () => {
    const at = (h: number, m = 0) => Date.UTC(2030, 0, 1, h, m);
    expect(inSilence({ start: '09:00', end: '17:00' }, at(12))).toBe(true);
    expect(inSilence({ start: '09:00', end: '17:00' }, at(17))).toBe(false);
    expect(inSilence({ start: '22:00', end: '06:00' }, at(23, 30))).toBe(true);
    expect(inSilence({ start: '22:00', end: '06:00' }, at(5, 59))).toBe(true);
    expect(inSilence({ start: '22:00', end: '06:00' }, at(12))).toBe(false);
    expect(inSilence(null, at(12))).toBe(false);
  });

  it('an empty window (start = end) never silences', () => {
    expect(inSilence({ start: '08:00', end: '08:00' }, Date.UTC(2030, 0, 1, 8, 0))).toBe(false);
  });
});
