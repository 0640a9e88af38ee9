import { formatVietnameseNumber, parseNumberInput, parseVietnameseNumber } from './number';

const ok = (value: number | null) => ({ ok: true, value });

describe('parseNumberInput', () => {
  it.each([
    [29, 29],
    ['29', 29],
    ['02', 2],
    ['00', 0],
    ['56,1', 56.1],
    ['56.1', 56.1],
    [' 1.714 ', 1714],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1 714', 1714],
    ['1.714,5', 1714.5],
    ['1,714.5', 1714.5],
    ['0.714', 0.714],
    ['56,1%', 56.1],
    ['-3', -3],
  ])('reads %p as %p', (input, value) => {
    expect(parseNumberInput(input)).toEqual(ok(value));
  });

  it('treats blanks as null, not zero', () => {
    for (const b of ['', '   ', null, undefined, '-', '—']) expect(parseNumberInput(b)).toEqual(ok(null));
  });

  it('resolves 1.714 by the column type', () => {
    expect(parseNumberInput('1.714', 'count')).toEqual(ok(1714));
    expect(parseNumberInput('1.714', 'percent')).toEqual(ok(1.714));
    expect(parseNumberInput('1.714', 'decimal')).toEqual(ok(1714));
    expect(parseNumberInput('1.714')).toEqual(ok(1714));
    // A single comma is always the Vietnamese decimal mark.
    expect(parseNumberInput('1,714', 'count')).toEqual(ok(1.714));
  });

  it.each(['abc', '1.2.3', '12,34,5', '1..2', '1 2', '5 người', '.', ',', NaN, Infinity, true, {}])('rejects %p', (input) => {
    expect(parseNumberInput(input)).toEqual({ ok: false });
  });
});

describe('formatVietnameseNumber', () => {
  it.each([
    [56.1, '56,1'],
    [1714, '1.714'],
    [1234567.891, '1.234.567,89'],
    [0, '0'],
    [100, '100'],
    [2 / 3, '0,67'],
    [-1714.5, '-1.714,5'],
    [-0.001, '0'],
  ])('formats %p as %p', (n, s) => {
    expect(formatVietnameseNumber(n)).toBe(s);
  });
  it('honours maxFractionDigits and blanks', () => {
    expect(formatVietnameseNumber(43.8123, 1)).toBe('43,8');
    expect(formatVietnameseNumber(43.8, 0)).toBe('44');
    expect(formatVietnameseNumber(null)).toBe('');
    expect(formatVietnameseNumber(NaN)).toBe('');
  });
  it('keeps decimals down to minFractionDigits (a column of scores stays aligned)', () => {
    expect(formatVietnameseNumber(81.1, 2, 2)).toBe('81,10');
    expect(formatVietnameseNumber(100, 2, 2)).toBe('100,00');
    expect(formatVietnameseNumber(1714.456, 2, 2)).toBe('1.714,46');
    expect(formatVietnameseNumber(81.1, 1, 2)).toBe('81,1');
  });
  it('round-trips through the parser', () => {
    for (const n of [0, 1, 56.1, 1714, 99.99, 1234567]) {
      expect(parseNumberInput(formatVietnameseNumber(n), 'decimal')).toEqual(ok(n));
    }
  });
});

describe('parseVietnameseNumber', () => {
  it('returns the number, null for blank and NaN when unreadable', () => {
    expect(parseVietnameseNumber('56,1')).toBe(56.1);
    expect(parseVietnameseNumber('')).toBeNull();
    expect(parseVietnameseNumber('abc')).toBeNaN();
  });
});
