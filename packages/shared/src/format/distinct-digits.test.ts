import { distinctDigits } from './distinct-digits';
import { formatVietnameseNumber } from './number';

describe('distinctDigits', () => {
  it('adds decimals only where neighbours would be written alike', () => {
    const d = distinctDigits([84.9912, 84.1491, 84.0884, 84.0862, 83.9251]);
    expect(d.get(84.9912)).toBe(1);
    expect(d.get(84.1491)).toBe(2);
    expect(d.get(84.0884)).toBe(3);
    expect(d.get(84.0862)).toBe(3);
    expect(d.get(83.9251)).toBe(1);
  });

  it('writes equal values alike (a shared rank shows one figure)', () => {
    const d = distinctDigits([90.3276, 90.3276, 90.3163]);
    expect(d.size).toBe(2);
    expect(formatVietnameseNumber(90.3276, d.get(90.3276))).toBe('90,33');
    expect(formatVietnameseNumber(90.3163, d.get(90.3163))).toBe('90,32');
  });

  it('stops at the maximum when values differ below it', () => {
    const d = distinctDigits([50.00001, 50.00002], 1, 4);
    expect(d.get(50.00001)).toBe(4);
    expect(d.get(50.00002)).toBe(4);
  });

  it('never writes two different 4-decimal values alike', () => {
    // A deterministic spread of close scores, as a province's communes have.
    const values = Array.from({ length: 400 }, (_, i) => Math.round((80 + ((i * 7919) % 1000) / 97) * 1e4) / 1e4);
    const d = distinctDigits(values);
    const written = new Map<string, number>();
    for (const v of new Set(values)) {
      const text = formatVietnameseNumber(v, d.get(v));
      expect(written.get(text) ?? v).toBe(v);
      written.set(text, v);
    }
  });
});
