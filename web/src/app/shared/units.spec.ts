import { bitRate, bitRateAxis, byteAxis, byteSize } from './units';

describe('adaptive units', () => {
  it('writes a rate given in Mbit/s in bit/s, kbit/s, Mbit/s or Gbit/s', () => {
    expect(bitRate(0)).toBe('0 bit/s');
    expect(bitRate(0.0008)).toBe('800 bit/s');
    expect(bitRate(0.01)).toBe('10 kbit/s');
    expect(bitRate(0.004)).toBe('4 kbit/s');
    expect(bitRate(0.0123)).toBe('12.3 kbit/s');
    expect(bitRate(3.25)).toBe('3.25 Mbit/s');
    expect(bitRate(940)).toBe('940 Mbit/s');
    expect(bitRate(2500)).toBe('2.5 Gbit/s');
    expect(bitRate(null)).toBe('—');
    expect(bitRate(Number.NaN)).toBe('—');
  });

  it('writes byte counts in decimal units', () => {
    expect(byteSize(512)).toBe('512 B');
    expect(byteSize(12_300)).toBe('12.3 KB');
    expect(byteSize(1.5e9)).toBe('1.5 GB');
    expect(byteSize(undefined)).toBe('—');
  });

  it('gives a chart axis the unit of its largest value', () => {
    expect(bitRateAxis(0.004)).toEqual({ unit: 'kbit/s', divisor: 0.001 });
    expect(bitRateAxis(0.0002)).toEqual({ unit: 'bit/s', divisor: 1e-6 });
    expect(bitRateAxis(120)).toEqual({ unit: 'Mbit/s', divisor: 1 });
    expect(bitRateAxis(0)).toEqual({ unit: 'bit/s', divisor: 1e-6 });
    expect(byteAxis(40_000)).toEqual({ unit: 'KB', divisor: 1000 });
    expect(byteAxis(2e9)).toEqual({ unit: 'GB', divisor: 1e9 });
  });
});
