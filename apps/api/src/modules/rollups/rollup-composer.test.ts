import { BUILT_IN_SCHEMES, BUILT_IN_TEMPLATES, valueNodes } from '@cchc/shared';
import type { AdminUnit } from '../units/entities/admin-unit.entity';
import { composeUnitPass, type PassSources } from './rollup-composer';

const template = BUILT_IN_TEMPLATES[0];
const scheme = BUILT_IN_SCHEMES[0];
const rules = { template, scheme, basis: 'approved' as const, minCoverage: 1 };
const unit = (code: string, level: AdminUnit['level'], parentCode: string | null) => ({ code, level, parentCode, name: `Unit ${code}` }) as AdminUnit;
const district = unit('477', 'district', '46');
const family = { unit: district, children: [unit('19894', 'commune', '477'), unit('19897', 'commune', '477'), unit('19900', 'commune', '477')] };
const count = valueNodes(template, 'commune').find((n) => n.valueType === 'count' && n.aggregation === 'sum')!;
const none: PassSources = { communeValues: [], childStats: [], childCoverage: [], childScores: [], ownReports: [] };

describe('composeUnitPass', () => {
  it('sums the counted communes of the unit only, and counts the others as expected but not reported', () => {
    const src: PassSources = {
      ...none,
      communeValues: [
        { unitCode: '19894', templateVersion: template.version, values: { [count.code]: 3 } },
        { unitCode: '19897', templateVersion: template.version, values: { [count.code]: 4 } },
        // Another district's commune in the same batch: not this unit's.
        { unitCode: '19999', templateVersion: template.version, values: { [count.code]: 100 } },
      ],
    };
    const pass = composeUnitPass(family, 7, '2023', rules, src, new Date(0));
    expect(pass).toMatchObject({ unitCode: '477', seq: 7, parentCode: '46' });
    expect(pass.composed.coverage).toMatchObject({ expected: 3, reported: 2 });
    const stats = pass.composed.stats.find((s) => s.code === count.code)!;
    expect(stats).toMatchObject({ count: 2, sum: 7 });
    expect(pass.childLevels.get('19894')).toBe('commune');
    // Each scored commune is ranked among its siblings; the unreported one is not.
    expect(pass.scores.children.filter((c) => c.rank !== null).map((c) => c.unitCode).sort()).toEqual(['19894', '19897']);
  });

  it('refuses, naming the unit, a report made with another template version than its period', () => {
    const src: PassSources = { ...none, communeValues: [{ unitCode: '19897', templateVersion: '1999.1', values: {} }] };
    expect(() => composeUnitPass(family, 1, '2023', rules, src, new Date(0))).toThrow(/19897 is on template 1999\.1/);
  });
});
