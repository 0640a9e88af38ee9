import * as fs from 'fs';
import * as path from 'path';
import { parseAppendixText } from '../parser/parse-appendix';
import { TEMPLATE_2023 } from '../template/template-2023';
import { meanScore } from './mean-score';
import { scoreReport } from './score';
import { SCORING_2023 } from './scoring-2023';

const SEED = parseAppendixText(
  fs.readFileSync(path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8'),
  TEMPLATE_2023,
).values;

describe('meanScore', () => {
  const full = scoreReport(SCORING_2023, TEMPLATE_2023, SEED, 'commune');
  const empty = scoreReport(SCORING_2023, TEMPLATE_2023, {}, 'commune');

  it('is null with nothing scored', () => {
    expect(meanScore(SCORING_2023, [])).toBeNull();
  });

  it('of one score is that score', () => {
    const m = meanScore(SCORING_2023, [full])!;
    expect(m).toMatchObject({ scored: 1, total: full.total, max: full.max });
    expect(m.domains).toEqual(full.domains.map((d) => ({ code: d.code, points: d.points, max: d.max })));
  });

  it('averages total, max and each domain over the scored communes', () => {
    const m = meanScore(SCORING_2023, [full, empty, full])!;
    expect(m.scored).toBe(3);
    expect(m.total).toBeCloseTo((2 * full.total + empty.total) / 3, 10);
    expect(m.max).toBeCloseTo(full.max, 10);
    for (const d of m.domains) {
      const f = full.domains.find((x) => x.code === d.code)!;
      const e = empty.domains.find((x) => x.code === d.code)!;
      expect(d.points).toBeCloseTo((2 * f.points + e.points) / 3, 10);
    }
  });

  it('counts a domain a score lacks as 0 of 0', () => {
    const partial = { ...full, domains: full.domains.filter((d) => d.code !== 'D1') };
    const d1 = meanScore(SCORING_2023, [full, partial])!.domains.find((d) => d.code === 'D1')!;
    const f1 = full.domains.find((d) => d.code === 'D1')!;
    expect(d1).toEqual({ code: 'D1', points: f1.points / 2, max: f1.max / 2 });
  });
});
