import { TEMPLATE_2023 } from '../template/template-2023';
import { SCORING_2023 } from './scoring-2023';
import { validateScheme } from './scheme-schema';
import type { ScoringScheme } from './types';

const doc = (): ScoringScheme => JSON.parse(JSON.stringify(SCORING_2023)) as ScoringScheme;

describe('validateScheme', () => {
  it('accepts the built-in scheme against its template, and a declared maximum that adds up', () => {
    const s = { ...doc(), declaredMax: { commune: 100 } };
    const v = validateScheme(s, TEMPLATE_2023);
    expect(v.ok).toBe(true);
  });

  it('names a criterion whose input is not in the template, or is a heading', () => {
    const s = doc();
    s.domains[0].criteria[0].rule = { kind: 'ratio', numerator: '9.9', denominator: '1' };
    const v = validateScheme(s, TEMPLATE_2023);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues.map((i) => i.vi)).toEqual([
      'Tiêu chí D1.1: chỉ tiêu "9.9" không có trong biểu mẫu 2023.1.',
      'Tiêu chí D1.1: chỉ tiêu "1" là dòng tiêu đề, không có số liệu để chấm.',
    ]);
  });

  it('refuses maxima that do not add up to the declared total, and a scheme for another template', () => {
    const s = { ...doc(), declaredMax: { commune: 90 }, templateVersion: '2024.1' };
    const v = validateScheme(s, TEMPLATE_2023);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues.map((i) => i.field)).toEqual(['templateVersion', 'declaredMax.commune']);
    expect(v.issues[1].vi).toBe('Tổng điểm tối đa cấp xã khai báo 90 nhưng các tiêu chí cộng lại 100.');
  });

  it('refuses a choice fraction for an option the row does not have', () => {
    const s = doc();
    const c = s.domains.flatMap((d) => d.criteria).find((x) => x.rule.kind === 'choice')!;
    if (c.rule.kind === 'choice') c.rule = { ...c.rule, fractions: { ...c.rule.fractions, '7': 1 } };
    const v = validateScheme(s, TEMPLATE_2023);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0].vi).toContain('phương án 7 không có');
  });
});
