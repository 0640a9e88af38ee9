import { TEMPLATE_2023 } from '../template/template-2023';
import { indexTemplate } from '../template/registry';
import type { IndicatorNode } from '../template/types';
import { isValidValue, validateValue } from './validate';
import { HARD_VALUE_LIMIT, isStorableValue, TYPE_UPPER_BOUND, upperBoundOf } from './value-bounds';

const idx = indexTemplate(TEMPLATE_2023);
// The 2023 template has no decimal row: one is made from a count row for the decimal cases.
const node = (code: string) => (code === 'decimal' ? { ...idx.get('1.1.1')!, valueType: 'decimal' as const } : idx.get(code)!);
const rules = (code: string, raw: unknown) => validateValue(node(code), raw).findings.map((f) => f.rule);

describe('value bounds', () => {
  it('gives every numeric type an upper bound', () => {
    expect(upperBoundOf(node('1.1.1'))).toBe(TYPE_UPPER_BOUND.count);
    expect(upperBoundOf(node('3.4.3'))).toBe(100);
    expect(upperBoundOf(node('decimal'))).toBe(TYPE_UPPER_BOUND.decimal);
  });

  it('stores only finite numbers within the hard limit', () => {
    expect(isStorableValue(HARD_VALUE_LIMIT)).toBe(true);
    expect(isStorableValue(-HARD_VALUE_LIMIT)).toBe(true);
    expect(isStorableValue(1e308)).toBe(false);
    expect(isStorableValue(Infinity)).toBe(false);
    expect(isStorableValue(NaN)).toBe(false);
  });

  it('refuses a value beyond the hard limit with no value kept', () => {
    const r = validateValue(node('1.1.1'), 1e308);
    expect(r.value).toBeNull();
    expect(r.findings.map((f) => f.rule)).toEqual(['bound']);
    expect(rules('decimal', 2e15)).toEqual(['bound']);
  });

  it('keeps a value above its type bound but within the hard limit, as a range error', () => {
    const r = validateValue(node('1.1.1'), 2e9);
    expect(r.value).toBe(2e9);
    expect(r.findings.map((f) => f.rule)).toEqual(['range']);
    expect(rules('decimal', 5e12)).toEqual(['range']);
    expect(validateValue(node('3.4.3'), 130)).toMatchObject({ value: 130, findings: [{ rule: 'range' }] });
  });

  it('accepts values at the bounds', () => {
    expect(rules('1.1.1', TYPE_UPPER_BOUND.count)).toEqual([]);
    expect(rules('decimal', TYPE_UPPER_BOUND.decimal)).toEqual([]);
    expect(isValidValue(node('1.1.1'), TYPE_UPPER_BOUND.count)).toBe(true);
    expect(isValidValue(node('1.1.1'), TYPE_UPPER_BOUND.count + 1)).toBe(false);
  });
});

describe("a row's own bounds", () => {
  const pct: IndicatorNode = { code: 'x', title: 'x', unit: '%', valueType: 'percent', levels: ['commune'], depth: 1, isHeading: false, min: 10, max: 50 };
  it('narrow the type range, with a message naming the bound', () => {
    expect(upperBoundOf(pct)).toBe(50);
    expect(isValidValue(pct, 50)).toBe(true);
    expect(isValidValue(pct, 51)).toBe(false);
    expect(isValidValue(pct, 9)).toBe(false);
    expect(validateValue(pct, 70).findings[0].message.vi).toContain('vượt quá giới hạn 50');
    expect(validateValue(pct, 5).findings[0].message.vi).toContain('nhỏ hơn giới hạn dưới 10');
    expect(validateValue(pct, 30).findings).toEqual([]);
  });

  it('leave a percent without its own cap at the 100% message', () => {
    const { min: _min, max: _max, ...plain } = pct;
    expect(validateValue(plain, 130).findings[0].message.vi).toBe('Chỉ tiêu x (x): giá trị 130 vượt quá 100%.');
  });
});
