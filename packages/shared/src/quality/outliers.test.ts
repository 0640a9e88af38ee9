import { TEMPLATE_2023 } from '../template/template-2023';
import { detectOutliers, median, modifiedZScore, MODIFIED_Z_FACTOR } from './outliers';

const hist = (...vs: number[]) => vs.map((value, i) => ({ periodId: String(2019 + i), value }));
const peers = (...vs: number[]) => vs.map((value, i) => ({ unitCode: `u${i}`, value }));

describe('modified z-score (Iglewicz & Hoaglin, as DHIS2)', () => {
  it('is 0.6745 (x − median) / MAD', () => {
    // median 10, deviations 2,1,0,1,2 → MAD 1
    const z = modifiedZScore(14, [8, 9, 10, 11, 12])!;
    expect(z.median).toBe(10);
    expect(z.mad).toBe(1);
    expect(z.score).toBeCloseTo(MODIFIED_Z_FACTOR * 4, 10);
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });

  it('falls back to the mean absolute deviation when MAD is 0, and to ±Infinity with no spread at all', () => {
    const z = modifiedZScore(20, [10, 10, 10, 14])!;
    expect(z.mad).toBe(0);
    expect(z.score).toBeCloseTo(10 / (1.253314 * 1), 5);
    expect(modifiedZScore(11, [10, 10, 10])!.score).toBe(Infinity);
    expect(modifiedZScore(10, [10, 10, 10])!.score).toBe(0);
    expect(modifiedZScore(1, [])).toBeNull();
  });
});

describe('detectOutliers', () => {
  const none = { history: {}, peers: {} };

  it('flags a value 10× the unit’s own history, with the history shown', () => {
    const w = detectOutliers(TEMPLATE_2023, { '1.1.3': 350 }, { history: { '1.1.3': hist(30, 35, 32, 38) }, peers: {} });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ code: '1.1.3', kind: 'history', value: 350, median: 33.5 });
    expect(w[0].score!).toBeGreaterThan(3.5);
    expect(w[0].history!.map((h) => h.value)).toEqual([30, 35, 32, 38]);
    expect(w[0].message.vi).toContain('2019: 30');
  });

  it('does not flag a normal value, nor judge with too little history', () => {
    expect(detectOutliers(TEMPLATE_2023, { '1.1.3': 36 }, { history: { '1.1.3': hist(30, 35, 32, 38) }, peers: {} })).toEqual([]);
    expect(detectOutliers(TEMPLATE_2023, { '1.1.3': 350 }, { history: { '1.1.3': hist(30, 35) }, peers: {} })).toEqual([]);
    expect(detectOutliers(TEMPLATE_2023, { '1.1.3': 350 }, none)).toEqual([]);
  });

  it('never flags a difference below the minimum, however small the spread', () => {
    // 3 vs always 2: infinite z, but a count moving by 1 is not news.
    expect(detectOutliers(TEMPLATE_2023, { '1.1.3': 3 }, { history: { '1.1.3': hist(2, 2, 2) }, peers: {} })).toEqual([]);
  });

  it('names a zero where the unit always had many', () => {
    const w = detectOutliers(TEMPLATE_2023, { '1.1.3': 0 }, { history: { '1.1.3': hist(30, 35, 32) }, peers: {} });
    expect(w).toEqual([expect.objectContaining({ code: '1.1.3', kind: 'zero', value: 0 })]);
    expect(w[0].message.vi).toContain('giá trị 0');
  });

  it('compares with peers (same period, sibling units) when the own history is short', () => {
    const ctx = { history: {}, peers: { '7.8.3': peers(40, 45, 50, 42, 48, 44) } };
    const w = detectOutliers(TEMPLATE_2023, { '7.8.3': 99 }, ctx);
    expect(w).toEqual([expect.objectContaining({ code: '7.8.3', kind: 'peers', median: 44.5 })]);
    expect(w[0].peers).toHaveLength(6);
    expect(detectOutliers(TEMPLATE_2023, { '7.8.3': 47 }, ctx)).toEqual([]);
    // Too few peers: no judgement.
    expect(detectOutliers(TEMPLATE_2023, { '7.8.3': 99 }, { history: {}, peers: { '7.8.3': peers(40, 45) } })).toEqual([]);
  });

  it('thresholds are configurable', () => {
    const ctx = { history: { '1.1.3': hist(30, 35, 32, 38) }, peers: {} };
    expect(detectOutliers(TEMPLATE_2023, { '1.1.3': 47 }, ctx)).toHaveLength(1);
    expect(detectOutliers(TEMPLATE_2023, { '1.1.3': 47 }, ctx, { zScore: 10 })).toEqual([]);
  });

  it('skips yes/no and choice values', () => {
    expect(detectOutliers(TEMPLATE_2023, { '1.5': 1 }, { history: { '1.5': hist(0, 0, 0, 0) }, peers: {} })).toEqual([]);
  });
});
