import { mayAuthorParCriteria, mayFillParSheet, mayReadParSheet, mayRunParRound } from './access';
import { DEMO_PAR_CRITERIA_SET } from './demo-criteria-set';
import { parRows, scoreProblem, validateCriteriaSet, type ParCriteriaSet, type ParCriteriaSetInput } from './criteria-set';
import { bandFor, bandsProblem, computeUnitResult, DEFAULT_PAR_BANDS, rankParResults, type ParRoundRules } from './results';
import { currentStage, deadlinesProblem, stageOpen, type ParDeadlines } from './stages';
import { suggestScore } from './suggest';

const SMALL: ParCriteriaSetInput = {
  title: 'Bộ nhỏ',
  domains: [
    {
      code: 'A',
      title: 'Lĩnh vực A',
      criteria: [
        {
          code: 'A.1',
          title: 'Tiêu chí A.1',
          subCriteria: [
            { code: 'A.1.1', title: 'Có/không', maxPoints: 2, scoring: { kind: 'yesno' } },
            { code: 'A.1.2', title: 'Mức', maxPoints: 4, scoring: { kind: 'tiers', tiers: [100, 50] } },
          ],
        },
      ],
    },
    {
      code: 'B',
      title: 'Lĩnh vực B',
      criteria: [
        {
          code: 'B.1',
          title: 'Tiêu chí B.1',
          subCriteria: [
            { code: 'B.1.1', title: 'Tự chấm', maxPoints: 4, scoring: { kind: 'manual' }, notApplicableAllowed: true },
            { code: 'B.1.2', title: 'Tỷ lệ', maxPoints: 10, scoring: { kind: 'ratio' }, source: { kind: 'ratio', numerator: ['1.1.2'], denominator: ['1.1.1'] } },
          ],
        },
      ],
    },
  ],
};

const small = (): ParCriteriaSet => {
  const v = validateCriteriaSet(SMALL);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.set;
};

describe('criteria set validation', () => {
  it('accepts a well-formed set, applies defaults and sums the max', () => {
    const v = validateCriteriaSet(SMALL);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.maxPoints).toBe(20);
    expect(v.set.demo).toBe(false);
    expect(parRows(v.set).map((r) => `${r.domainCode}:${r.code}:${r.notApplicableAllowed}`)).toEqual(['A:A.1.1:false', 'A:A.1.2:false', 'B:B.1.1:true', 'B:B.1.2:false']);
  });

  it('the demo set is valid, labelled a demo and worth 68 appraised points over 8 areas', () => {
    const v = validateCriteriaSet(DEMO_PAR_CRITERIA_SET);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.set.demo).toBe(true);
    expect(v.set.domains).toHaveLength(8);
    expect(v.maxPoints).toBe(68);
  });

  it('names the field and says why in Vietnamese', () => {
    const bad = structuredClone(SMALL) as { domains: Array<{ criteria: Array<{ subCriteria: Array<Record<string, unknown>> }> }> };
    bad.domains[0].criteria[0].subCriteria[0].maxPoints = -1;
    bad.domains[0].criteria[0].subCriteria[1].scoring = { kind: 'stars' };
    const v = validateCriteriaSet(bad);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'domains.0.criteria.0.subCriteria.0.maxPoints', vi: 'Điểm tối đa phải lớn hơn 0.' }),
        expect.objectContaining({ path: 'domains.0.criteria.0.subCriteria.1.scoring.kind', vi: 'Cách chấm phải là yesno, tiers, ratio hoặc manual.' }),
      ]),
    );
  });

  it('refuses duplicate codes and codes outside their parent', () => {
    const bad = structuredClone(SMALL);
    bad.domains[1].criteria[0].subCriteria[0].code = 'A.1.1';
    const v = validateCriteriaSet(bad);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems.map((p) => p.vi)).toEqual([
      'Mã A.1.1 bị trùng (đã dùng ở domains.0.criteria.0.subCriteria.0.code).',
      'Mã tiêu chí thành phần A.1.1 phải bắt đầu bằng mã tiêu chí B.1.',
    ]);
  });

  it('checks a score against the row kind', () => {
    const rows = parRows(small());
    expect(scoreProblem(rows[0], 2)).toBeNull();
    expect(scoreProblem(rows[0], 1)?.vi).toBe('A.1.1 chấm đạt/không đạt: chỉ 0 hoặc 2 điểm.');
    expect(scoreProblem(rows[1], 2)).toBeNull();
    expect(scoreProblem(rows[1], 3)?.vi).toBe('A.1.2 chỉ nhận các mức: 0; 4; 2 điểm.');
    expect(scoreProblem(rows[2], 3.5)).toBeNull();
    expect(scoreProblem(rows[2], 4.5)?.vi).toBe('Điểm của B.1.1 phải từ 0 đến 4.');
  });
});

describe('suggested score from the year report', () => {
  const rows = parRows(validateCriteriaSet(DEMO_PAR_CRITERIA_SET).ok ? (validateCriteriaSet(DEMO_PAR_CRITERIA_SET) as { set: ParCriteriaSet }).set : small());
  const row = (c: string) => rows.find((r) => r.code === c)!;

  it('maps a completion ratio onto the tiers (9 of 10 tasks = 90 % → 75 % of 3)', () => {
    const s = suggestScore(row('1.1.2'), { '1.1.1': 10, '1.1.2': 9 });
    expect(s).toEqual({
      points: 2.25,
      inputs: { '1.1.2': 9, '1.1.1': 10 },
      ratioPercent: 90,
      reason: { vi: 'Tỷ lệ 1.1.2 / 1.1.1 = 9/10 = 90% → 2.25/3 điểm.', en: 'Ratio 1.1.2 / 1.1.1 = 9/10 = 90% → 2.25/3 points.' },
    });
  });

  it('a proportional ratio sums the denominator codes (PAKN: 6 of 6+2 → 3 of 4)', () => {
    expect(suggestScore(row('3.2.1'), { '1.6.1': 6, '1.6.2': 2 })?.points).toBe(3);
  });

  it('a zero denominator means nothing arose: full points', () => {
    expect(suggestScore(row('1.2.2'), { '1.2.3': 0, '1.2.4': 0 })?.points).toBe(2);
  });

  it('yes/no from an indicator', () => {
    expect(suggestScore(row('1.4.1'), { '1.5': 1 })?.points).toBe(1);
    expect(suggestScore(row('1.4.1'), { '1.5': 0 })?.points).toBe(0);
  });

  it('no suggestion when a value is missing or the row has no source', () => {
    expect(suggestScore(row('1.1.2'), { '1.1.1': 10 })).toBeNull();
    expect(suggestScore(row('2.1.1'), { '1.1.1': 10 })).toBeNull();
  });
});

describe('stages and deadlines', () => {
  const d: ParDeadlines = {
    self_assessment: '2026-01-10T00:00:00Z',
    appraisal_1: '2026-01-20T00:00:00Z',
    explanation: '2026-01-25T00:00:00Z',
    appraisal_2: '2026-01-30T00:00:00Z',
    finalisation: '2026-02-05T00:00:00Z',
  };
  it('each stage is open only between the previous deadline and its own', () => {
    const at = new Date('2026-01-15T00:00:00Z');
    expect(currentStage(d, at)).toBe('appraisal_1');
    expect(stageOpen('appraisal_1', d, at)).toBe(true);
    expect(stageOpen('self_assessment', d, at)).toBe(false);
    expect(stageOpen('explanation', d, at)).toBe(false);
    expect(stageOpen('appraisal_1', d, new Date('2026-01-20T00:00:00Z'))).toBe(false);
    expect(currentStage(d, new Date('2026-03-01T00:00:00Z'))).toBe('closed');
  });
  it('a stage locked by the deadline job, or a published round, accepts nothing', () => {
    const at = new Date('2026-01-15T00:00:00Z');
    expect(stageOpen('appraisal_1', d, at, ['appraisal_1'])).toBe(false);
    expect(stageOpen('appraisal_1', d, at, [], true)).toBe(false);
  });
  it('deadlines must be in stage order', () => {
    expect(deadlinesProblem(d)).toBeNull();
    expect(deadlinesProblem({ ...d, explanation: '2026-01-19T00:00:00Z' })).toEqual({
      field: 'deadlines.explanation',
      vi: 'Hạn "Giải trình" phải sau hạn "Thẩm định lần 1".',
      en: 'The explanation deadline must come after the appraisal_1 deadline.',
    });
    expect(deadlinesProblem({ ...d, finalisation: 'mai' })?.field).toBe('deadlines.finalisation');
  });
});

describe('results', () => {
  const rules: ParRoundRules = { bonusCap: 2, penaltyCap: 2, surveyWeight: 4, bands: DEFAULT_PAR_BANDS };

  it('index = (appraised + capped bonus − capped penalty + survey) / (applicable max + weight), computed by hand', () => {
    // A: 2 + 2 of 6; B: B.1.1 not applicable (its 4 leave the max), 7.5 of 10.
    // appraised 11.5 of 16; bonus 3 capped to 2; penalty 1; survey 75 % of 4 = 3.
    // (11.5 + 2 − 1 + 3) / (16 + 4) = 15.5 / 20 = 77.5 % → Trung bình.
    const r = computeUnitResult(small(), rules, {
      unitCode: 'X',
      rows: [
        { code: 'A.1.1', score: 2, notApplicable: false },
        { code: 'A.1.2', score: 2, notApplicable: false },
        { code: 'B.1.1', score: null, notApplicable: true },
        { code: 'B.1.2', score: 7.5, notApplicable: false },
      ],
      bonus: 3,
      penalty: 1,
      surveyPercent: 75,
    });
    expect(r).toMatchObject({ appraised: 11.5, applicableMax: 16, bonus: 2, penalty: 1, surveyPoints: 3, denominator: 20, index: 77.5, band: 'Trung bình', surveyMissing: false });
    expect(r.domains).toEqual([
      { code: 'A', title: 'Lĩnh vực A', points: 4, max: 6, percent: 66.67 },
      { code: 'B', title: 'Lĩnh vực B', points: 7.5, max: 10, percent: 75 },
    ]);
  });

  it('without a survey the appraised part is converted to 100; a missing row scores 0', () => {
    // 2 + 4 + 4 + 0 (B.1.2 missing) = 10 of 20 → 50 % → Yếu.
    const noSurvey = computeUnitResult(small(), { ...rules, surveyWeight: 0 }, {
      unitCode: 'Y',
      rows: [
        { code: 'A.1.1', score: 2, notApplicable: false },
        { code: 'A.1.2', score: 4, notApplicable: false },
        { code: 'B.1.1', score: 4, notApplicable: false },
      ],
      bonus: 0,
      penalty: 0,
      surveyPercent: null,
    });
    expect(noSurvey).toMatchObject({ appraised: 10, denominator: 20, index: 50, band: 'Yếu', surveyPoints: null, surveyMissing: false });
    const missing = computeUnitResult(small(), rules, { unitCode: 'Z', rows: [], bonus: 0, penalty: 0, surveyPercent: null });
    expect(missing).toMatchObject({ index: 0, surveyMissing: true, denominator: 20 });
  });

  it('"not applicable" only counts where the set allows it', () => {
    const r = computeUnitResult(small(), { ...rules, surveyWeight: 0 }, {
      unitCode: 'W',
      rows: [{ code: 'A.1.1', score: null, notApplicable: true }],
      bonus: 0,
      penalty: 0,
      surveyPercent: null,
    });
    expect(r.applicableMax).toBe(20);
  });

  it('ranks with shared ties (1, 2, 2, 4) and the change against last year', () => {
    const base = computeUnitResult(small(), rules, { unitCode: 'X', rows: [], bonus: 0, penalty: 0, surveyPercent: null });
    const at = (unitCode: string, index: number) => ({ ...base, unitCode, index });
    const ranked = rankParResults([at('D', 70), at('C', 80), at('A', 90), at('B', 80)], new Map([['C', { index: 85, rank: 1 }]]));
    expect(ranked.map((r) => [r.unitCode, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
    expect(ranked[2]).toMatchObject({ previousIndex: 85, previousRank: 1, indexChange: -5, rankChange: -1 });
    expect(ranked[0]).toMatchObject({ previousIndex: null, indexChange: null, rankChange: null });
  });

  it('bands: defaults, bounds inclusive, and edited bands checked', () => {
    expect(bandFor(90, DEFAULT_PAR_BANDS)).toBe('Tốt');
    expect(bandFor(89.99, DEFAULT_PAR_BANDS)).toBe('Khá');
    expect(bandFor(65, DEFAULT_PAR_BANDS)).toBe('Trung bình');
    expect(bandFor(64.99, DEFAULT_PAR_BANDS)).toBe('Yếu');
    expect(bandFor(95, [{ name: 'A', min: 90 }, { name: 'B', min: 0 }])).toBe('A');
    expect(bandsProblem(DEFAULT_PAR_BANDS)).toBeNull();
    expect(bandsProblem([{ name: 'A', min: 50 }])?.vi).toBe('Cần một mức bắt đầu từ 0 (mức thấp nhất).');
    expect(bandsProblem([{ name: 'A', min: 120 }, { name: 'B', min: 0 }])?.vi).toBe('Ngưỡng của mức "A" phải từ 0 đến 100.');
  });
});

describe('who may act in a round', () => {
  const officer = { roles: ['officer' as const], unitCode: '19894' };
  const reviewer = { roles: ['reviewer' as const], unitCode: '46', unitLevel: 'province' as const };
  const analyst = { roles: ['analyst' as const], unitCode: '46', unitLevel: 'province' as const };
  const admin = { roles: ['administrator' as const], unitCode: null };
  it('the commune fills its own sheet; the appraising unit reviews; administrators both', () => {
    expect(mayFillParSheet(officer, '19894')).toBe(true);
    expect(mayFillParSheet(officer, '19897')).toBe(false);
    expect(mayFillParSheet(reviewer, '19894')).toBe(false);
    expect(mayRunParRound(reviewer, '46')).toBe(true);
    expect(mayRunParRound(reviewer, '48')).toBe(false);
    expect(mayReadParSheet(analyst, '46', '19894')).toBe(false);
    expect(mayReadParSheet(officer, '46', '19897')).toBe(false);
    expect(mayReadParSheet(admin, '46', '19894')).toBe(true);
    expect(mayAuthorParCriteria(reviewer)).toBe(true);
    expect(mayAuthorParCriteria(officer)).toBe(false);
  });
});
