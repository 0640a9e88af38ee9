import * as fs from 'fs';
import * as path from 'path';
import { parseAppendixText } from '../parser/parse-appendix';
import { TEMPLATE_2023 } from '../template/template-2023';
import { indexTemplate } from '../template/registry';
import { SCORING_2023 } from './scoring-2023';
import { rankUnits, schemeMax, scoreReport, scoreTotals, roundScore, SCORE_DECIMALS } from './score';
import type { ScoringScheme } from './types';

const SEED = parseAppendixText(
  fs.readFileSync(path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8'),
  TEMPLATE_2023,
).values;

describe('SCORING_2023', () => {
  it('covers the seven PAR Index domains, for 100 points at commune level', () => {
    expect(SCORING_2023.domains.map((d) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']);
    expect(schemeMax(SCORING_2023, 'commune')).toBe(100);
    // A commune is scored in the five domains whose rows it reports; D5 and D6 are district rows.
    const scoredFor = (level: 'commune' | 'district') =>
      SCORING_2023.domains.filter((d) => d.criteria.some((c) => !c.levels || c.levels.includes(level))).map((d) => d.code);
    expect(scoredFor('commune')).toEqual(['D1', 'D2', 'D3', 'D4', 'D7']);
    expect(scoredFor('district')).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']);
  });

  it('uses only indicators of its template that the scored level reports', () => {
    const idx = indexTemplate(TEMPLATE_2023);
    for (const c of SCORING_2023.domains.flatMap((d) => d.criteria)) {
      const r = c.rule;
      const codes = r.kind === 'ratio' ? [r.numerator, r.denominator].flat() : [r.input].flat();
      for (const code of codes) {
        const n = idx.get(code);
        expect(n?.valueType).toBeDefined();
        for (const level of c.levels ?? ['commune', 'district', 'province'] as const) {
          if (level === 'commune') expect(n?.levels).toContain('commune');
        }
      }
    }
  });
});

describe('scoreTotals', () => {
  it("gives scoreReport's points, domain by domain, without the criteria (the seed, a blank report, a district)", () => {
    const blank = {};
    const halved = Object.fromEntries(Object.entries(SEED).map(([k, v]) => [k, typeof v === 'number' ? v / 2 : v]));
    for (const [values, level] of [[SEED, 'commune'], [blank, 'commune'], [halved, 'commune'], [SEED, 'district']] as const) {
      const full = scoreReport(SCORING_2023, TEMPLATE_2023, values, level);
      const totals = scoreTotals(SCORING_2023, TEMPLATE_2023, values, level);
      expect(totals).toEqual({ total: full.total, max: full.max, percent: full.percent, domains: full.domains.map((d) => ({ code: d.code, points: d.points, max: d.max })) });
      expect(Object.keys(totals.domains[0])).not.toContain('criteria');
    }
    expect(scoreTotals(SCORING_2023, TEMPLATE_2023, SEED).total).toBeCloseTo(85.5842, 4);
  });
});

describe('scoreReport on the seed report', () => {
  const s = scoreReport(SCORING_2023, TEMPLATE_2023, SEED, 'commune');
  const crit = (code: string) => s.domains.flatMap((d) => d.criteria).find((c) => c.code === code)!;

  it('computes the domain points by hand', () => {
    expect(s.domains.map((d) => [d.code, d.points, d.max])).toEqual([
      ['D1', 30, 30], // includes self-inspection and supervision (1.2.1, 1.2.2)
      ['D2', 10, 11], // 2.7 = 0 monitoring activities
      ['D3', 19.1937, 30], // 3.4.3/3.4.4 invalid (130%), 3.5.6 blank; 53 / 222 procedures with online payment × 5
      ['D4', 7, 9], // 4.2.5 blank
      ['D5', 0, 0], // civil service and public finance are district rows: nothing for a commune
      ['D6', 0, 0],
      ['D7', 19.3905, 20], // 99,9% online × 5 + 53/134 level-4 share × 1 + full elsewhere
    ]);
    expect(s.max).toBe(100);
    expect(s.total).toBeCloseTo(85.5842, 4);
    expect(s.percent).toBeCloseTo(85.5842, 4);
  });

  it('explains each criterion, including the ones scored 0', () => {
    expect(crit('D1.1')).toMatchObject({ points: 6, max: 6, inputs: { '1.1.2': 29, '1.1.1': 29 } });
    expect(crit('D1.1').reason.vi).toBe('1.1.2 / 1.1.1 = 29/29 = 100% → 6/6 điểm.');
    expect(crit('D1.7').reason.vi).toContain('Không phát sinh (1.6 = 0)');
    expect(crit('D3.3')).toMatchObject({ points: 0, inputs: { '3.4.3': 130 } });
    expect(crit('D3.3').reason.vi).toContain('giá trị 130 của chỉ tiêu 3.4.3');
    expect(crit('D3.7').points).toBe(0);
    expect(crit('D3.7').inputs).toEqual({ '3.5.6': null });
    expect(crit('D3.7').reason.vi).toMatch(/^Không chấm được: thiếu số liệu chỉ tiêu 3\.5\.6/);
    expect(crit('D7.1').reason.vi).toBe('7.8.3 + 7.8.4 = 99,9% → 4,995/5 điểm.');
    expect(crit('D7.1').points).toBe(4.995);
    expect(crit('D7.6').reason.vi).toBe('7.2 = 3 cấp (2): 100% số điểm → 1/1 điểm.');
    expect(crit('D3.5').reason.vi).toBe('3.5.3 = 100 ≥ 100: 100% số điểm → 6/6 điểm.');
  });

  it('writes a reason only when read, and the same one wherever it goes (JSON, a copy)', () => {
    const c = crit('D1.1');
    expect(Object.keys(c)).toContain('reason');
    expect((JSON.parse(JSON.stringify(c)) as typeof c).reason).toEqual({ vi: '1.1.2 / 1.1.1 = 29/29 = 100% → 6/6 điểm.', en: '1.1.2 / 1.1.1 = 29/29 = 100% → 6/6 points.' });
    expect({ ...c }.reason).toBe(c.reason);
  });

  it('leaves district criteria out of a commune score', () => {
    const codes = s.domains.flatMap((d) => d.criteria.map((c) => c.code));
    expect(codes).not.toContain('D6.1');
    expect(codes).not.toContain('D4.4');
    expect(s.domains.filter((d) => d.code === 'D5' || d.code === 'D6').map((d) => [d.criteria.length, d.percent])).toEqual([[0, null], [0, null]]);
    const district = scoreReport(SCORING_2023, TEMPLATE_2023, {}, 'district');
    expect(district.domains.find((d) => d.code === 'D5')!.criteria.map((c) => c.code)).toEqual(['D5.1', 'D5.2']);
    expect(district.domains.find((d) => d.code === 'D6')!.criteria.map((c) => c.code)).toEqual(['D6.1']);
    // Nothing reported: every criterion scores 0 and says which input is blank.
    expect(district.total).toBe(0);
    expect(district.max).toBe(schemeMax(SCORING_2023, 'district'));
    expect(district.domains.flatMap((d) => d.criteria).every((c) => c.reason.vi.startsWith('Không chấm được'))).toBe(true);
  });
});

describe('rules', () => {
  const scheme = (rule: ScoringScheme['domains'][0]['criteria'][0]['rule']): ScoringScheme => ({
    version: 't', templateVersion: '2023.1',
    domains: [{ code: 'D', title: 'D', criteria: [{ code: 'C', title: 'C', maxPoints: 4, rule }] }],
  });
  const pts = (rule: Parameters<typeof scheme>[0], values: Record<string, number | null>) =>
    scoreReport(scheme(rule), TEMPLATE_2023, values).total;

  it('yesno', () => {
    expect(pts({ kind: 'yesno', input: '1.5' }, { '1.5': 1 })).toBe(4);
    expect(pts({ kind: 'yesno', input: '1.5' }, { '1.5': 0 })).toBe(0);
    expect(pts({ kind: 'yesno', input: '1.5' }, {})).toBe(0);
  });
  it('ratio, capped, and a zero denominator', () => {
    const r = { kind: 'ratio', numerator: '1.1.2', denominator: '1.1.1' } as const;
    expect(pts(r, { '1.1.2': 3, '1.1.1': 4 })).toBe(3);
    expect(pts(r, { '1.1.2': 5, '1.1.1': 4 })).toBe(4);
    expect(pts(r, { '1.1.2': 0, '1.1.1': 0 })).toBe(4);
    expect(pts({ ...r, onZeroDenominator: 'zero' }, { '1.1.2': 0, '1.1.1': 0 })).toBe(0);
    expect(pts(r, { '1.1.1': 4 })).toBe(0);
  });
  it('tiers: 100% / 75% / 50%', () => {
    const r = { kind: 'tiers', input: '3.5.3', tiers: [{ min: 90, fraction: 0.5 }, { min: 100, fraction: 1 }, { min: 95, fraction: 0.75 }] } as const;
    expect(pts(r, { '3.5.3': 100 })).toBe(4);
    expect(pts(r, { '3.5.3': 97 })).toBe(3);
    expect(pts(r, { '3.5.3': 90 })).toBe(2);
    expect(pts(r, { '3.5.3': 89.9 })).toBe(0);
  });
  it('percent and choice', () => {
    expect(pts({ kind: 'percent', input: '7.8.3' }, { '7.8.3': 56.1 })).toBeCloseTo(2.244, 10);
    const c = { kind: 'choice', input: '7.3', fractions: { '0': 0, '1': 0.5, '2': 1 } } as const;
    expect(pts(c, { '7.3': 1 })).toBe(2);
    expect(pts(c, { '7.3': 2 })).toBe(4);
  });
});

describe('rankUnits', () => {
  it('ranks by score with shared ranks for ties and unscored units last', () => {
    const rows = [
      { unitCode: '19900', score: 70 },
      { unitCode: '19894', score: 85.5842 },
      { unitCode: '19870', score: null },
      { unitCode: '19897', score: 70 },
      { unitCode: '477', score: 90 },
      { unitCode: '19903', score: 60 },
      { unitCode: '19888', score: null },
    ];
    expect(rankUnits(rows).map((r) => [r.unitCode, r.rank])).toEqual([
      ['477', 1],
      ['19894', 2],
      ['19897', 3],
      ['19900', 3],
      ['19903', 5],
      ['19870', null],
      ['19888', null],
    ]);
  });

  it('ranks on the shown figure: scores equal at two decimals share a rank, whatever lies beyond', () => {
    // 88.8491 and 88.849 are both shown 88.85: one rank, not two for a difference no one can see.
    const ranked = rankUnits([
      { unitCode: '1', score: 88.8491 },
      { unitCode: '2', score: 88.849 },
      { unitCode: '3', score: 88.8449 },
      { unitCode: '4', score: 88.845 },
    ]);
    expect(ranked.map((r) => [r.unitCode, r.rank])).toEqual([
      ['1', 1],
      ['2', 1],
      ['4', 1],
      ['3', 4],
    ]);
    expect(SCORE_DECIMALS).toBe(2);
    expect([88.8491, 88.849, 88.845, 88.8449, 1.005, 0.125, 100].map(roundScore)).toEqual([88.85, 88.85, 88.85, 88.84, 1.01, 0.13, 100]);
  });

  it('gives 1, 2, 2, 4 and keeps the row data', () => {
    const ranked = rankUnits([
      { code: 'a', score: 10, name: 'A' },
      { code: 'b', score: 8, name: 'B' },
      { code: 'c', score: 8, name: 'C' },
      { code: 'd', score: 5, name: 'D' },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(ranked[0]).toEqual({ code: 'a', score: 10, name: 'A', rank: 1 });
    expect(rankUnits([])).toEqual([]);
    expect(rankUnits([{ score: null }])).toEqual([{ score: null, rank: null }]);
  });
});
