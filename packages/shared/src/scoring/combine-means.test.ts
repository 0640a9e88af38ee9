import { TEMPLATE_2023 } from '../template/template-2023';
import { combineMeanScores } from './combine-means';
import { meanScore } from './mean-score';
import { scoreReport } from './score';
import { SCORING_2023 } from './scoring-2023';

describe('combineMeanScores', () => {
  const s = (planned: number, done: number, held: 0 | 1) => scoreReport(SCORING_2023, TEMPLATE_2023, { '1.1.1': planned, '1.1.2': done, '1.5': held }, 'commune');
  const a = [s(10, 10, 1), s(10, 5, 0)];
  const b = [s(4, 1, 1), s(10, 0, 0), s(8, 8, 1)];

  it('equals the mean over all members, though the groups differ in size', () => {
    const combined = combineMeanScores([meanScore(SCORING_2023, a), meanScore(SCORING_2023, b)])!;
    const direct = meanScore(SCORING_2023, [...a, ...b])!;
    expect(combined.scored).toBe(5);
    expect(combined.total).toBeCloseTo(direct.total, 10);
    expect(combined.max).toBeCloseTo(direct.max, 10);
    for (const d of direct.domains) {
      const c = combined.domains.find((x) => x.code === d.code)!;
      expect(c.points).toBeCloseTo(d.points, 10);
      expect(c.max).toBeCloseTo(d.max, 10);
    }
  });

  it('skips groups with nothing scored, and is null when none scored', () => {
    expect(combineMeanScores([null, null])).toBeNull();
    expect(combineMeanScores([null, meanScore(SCORING_2023, a)])).toEqual(meanScore(SCORING_2023, a));
  });
});
