import { TEMPLATE_2023 } from './template-2023';
import { parseOptionsLabel } from './build-template';
import { BUILT_IN_TEMPLATES, childrenOf, indexTemplate, valueNodes } from './registry';

const t = TEMPLATE_2023;
const idx = indexTemplate(t);
const node = (code: string) => {
  const n = idx.get(code);
  if (!n) throw new Error(`no node ${code}`);
  return n;
};

describe('TEMPLATE_2023', () => {
  it('is the built-in seed version', () => {
    expect(t.version).toBe('2023.1');
    expect(BUILT_IN_TEMPLATES).toEqual([t]);
  });

  it('has unique codes, parents before children, consistent depth', () => {
    const seen = new Set<string>();
    for (const n of t.nodes) {
      expect(seen.has(n.code)).toBe(false);
      if (n.parent) expect(seen.has(n.parent)).toBe(true);
      expect(n.depth).toBe(n.code.split('.').length);
      seen.add(n.code);
    }
    expect(childrenOf(t, undefined).map((n) => n.code)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(t.nodes).toHaveLength(130);
  });

  it('fixes the numbering slips and codes the Trong đó rows', () => {
    expect(childrenOf(t, '1.2').map((n) => [n.code, n.printedCode])).toEqual([
      ['1.2.1', '1.1.1'], ['1.2.2', '1.1.2'], ['1.2.3', '1.1.3'], ['1.2.4', '1.1.4'],
    ]);
    expect(childrenOf(t, '3.2.3').map((n) => n.code)).toEqual(['3.2.3.1', '3.2.3.2', '3.2.3.3']);
    expect(childrenOf(t, '4.1.4').map((n) => n.code)).toEqual(['4.1.4.1', '4.1.4.2']);
    expect(childrenOf(t, '7.6.1').map((n) => n.code)).toEqual(['7.6.1.1', '7.6.1.2']);
    expect(childrenOf(t, '7.6.2').map((n) => n.code)).toEqual(['7.6.2.1', '7.6.2.2']);
    expect(node('7.6.2.1').breakdown).toBe(true);
  });

  it('joins wrapped titles', () => {
    expect(node('3').title).toBe('Cải cách thủ tục hành chính');
    expect(node('5.4.2').title).toBe('Số lãnh đạo cấp phòng thuộc UBND huyện bị kỷ luật.');
    expect(node('7.6.2.2').title).toBe('Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử và song song với văn bản giấy');
    expect(t.nodes.every((n) => !/[<>]/.test(n.title))).toBe(true);
  });

  it('parses coded options from the unit label', () => {
    expect(node('1.4.2').options).toEqual([
      { value: 0, label: 'Trực tuyến', labelEn: 'Online' },
      { value: 1, label: 'Phát phiếu', labelEn: 'Paper forms' },
      { value: 2, label: 'Kết hợp', labelEn: 'Combined' },
    ]);
    expect(parseOptionsLabel('Chưa có = 0 2 cấp = 1 3 cấp = 2').map((o) => o.label)).toEqual(['Chưa có', '2 cấp', '3 cấp']);
    expect(node('5.3.1').valueType).toBe('yesno');
    expect(node('5.3.1').options?.map((o) => o.value)).toEqual([0, 1]);
    expect(node('7.3').valueType).toBe('choice');
  });

  it('makes the headings that carry a total value-bearing', () => {
    for (const code of ['1.3', '1.6', '1.7', '3.1', '3.2', '3.4', '4.2', '7.6']) {
      expect(node(code).valueType).toBe('count');
      expect(node(code).isHeading).toBe(false);
    }
    for (const code of ['1', '1.1', '1.2', '3.3', '3.5', '4.1', '7.8']) {
      expect(node(code).valueType).toBeUndefined();
      expect(node(code).isHeading).toBe(true);
    }
  });

  it('gives rows printed without a unit a type, and records each decision', () => {
    expect(node('3.5.6').valueType).toBe('percent');
    expect(node('3.6.5').valueType).toBe('count');
    expect(node('7.4').valueType).toBe('count');
    const decided = new Set(t.decisions.flatMap((d) => d.codes));
    for (const code of ['1.2.1', '3.2.3.1', '3.5.6', '7.4', '1.3', '4.2', '7.6', '3.1.3']) expect(decided.has(code)).toBe(true);
    for (const d of t.decisions) {
      expect(d.vi.length).toBeGreaterThan(10);
      expect(d.en.length).toBeGreaterThan(10);
    }
  });

  it('knows which levels report what', () => {
    const commune = new Set(valueNodes(t, 'commune').map((n) => n.code));
    expect(commune.has('1.1.1')).toBe(true);
    expect(commune.has('2.6')).toBe(true);
    for (const code of ['4.1.1', '4.1.4', '5.3.2', '5.4.1', '5.4.2', '3.5.1', '6.1']) expect(commune.has(code)).toBe(false);
    const district = new Set(valueNodes(t, 'district').map((n) => n.code));
    expect(district.has('2.6')).toBe(false);
    expect(district.has('4.1.1')).toBe(true);
    expect(valueNodes(t).every((n) => n.valueType && n.aggregation)).toBe(true);
  });

  it('uses weighted means only with a weight code that is a count', () => {
    for (const n of t.nodes) {
      if (n.aggregation === 'weighted_mean') {
        expect(n.weightCode).toBeDefined();
        expect(node(n.weightCode as string).valueType).toBe('count');
      }
    }
    expect(node('3.4.3').weightCode).toBe('3.2.3');
  });

  it('declares rules only over existing value codes', () => {
    const ids = new Set<string>();
    for (const r of t.rules) {
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      for (const c of [...r.left, ...r.right]) expect(node(c).valueType).toBeDefined();
    }
    expect(ids.has('1.3.2+1.3.3-le-1.3.1')).toBe(true);
  });

  it('memoises its index', () => {
    expect(indexTemplate(t)).toBe(idx);
  });
});
