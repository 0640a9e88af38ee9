import type { ScoringScheme, Template, TemplateDocument, UnitLevel } from '@cchc/shared';

/** The two-tier demo's form and scheme: what Thành phố Huế's administrator publishes for 2025. */
export const TWO_TIER_TEMPLATE_VERSION = '2025.1';
export const TWO_TIER_SCHEME_VERSION = '2025.1';

/**
 * Rows of 2023.1 that describe the district tier's own apparatus (its departments, boards, leaders, its
 * links to the province): with no districts since 1/7/2025 nobody can report them, so 2025.1 drops them.
 * The 4.1 block ("Cơ cấu tổ chức bộ máy cấp huyện") goes whole, heading and all.
 */
export const TWO_TIER_REMOVED_ROWS: readonly string[] = [
  '3.5.2',
  '4.1',
  '4.1.1',
  '4.1.2',
  '4.1.3',
  '4.1.4',
  '4.1.4.1',
  '4.1.4.2',
  '5.2.3',
  '5.3.2',
  '5.4.1',
  '5.4.2',
  '7.6.1.1',
  '7.7.1',
];

const isDistrictOnly = (levels: readonly UnitLevel[] | undefined) => levels !== undefined && levels.includes('district') && !levels.includes('commune');

/**
 * 2025.1 as an administrator would write it from `GET /api/templates/2023.1`: the rows only districts
 * (and the province) reported are removed when they are about the district tier, otherwise re-assigned
 * to the province alone; rules and decisions that named a removed row follow. Rows communes report keep
 * their levels, so a commune's form is the same as in 2023.1.
 */
export function twoTierForm(base: Template): TemplateDocument {
  const removed = new Set(TWO_TIER_REMOVED_ROWS);
  return {
    version: TWO_TIER_TEMPLATE_VERSION,
    year: 2025,
    title: `${base.title} — chính quyền địa phương hai cấp (từ 2025)`,
    nodes: base.nodes
      .filter((n) => !removed.has(n.code))
      .map((n) => {
        // depth and isHeading are derived from the tree; the document may leave them out.
        const { depth: _depth, isHeading: _heading, ...row } = n;
        return isDistrictOnly(n.levels) ? { ...row, levels: ['province'] } : row;
      }),
    rules: base.rules.filter((r) => ![...r.left, ...r.right].some((c) => removed.has(c))),
    decisions: base.decisions
      .map((d) => ({ ...d, codes: d.codes.filter((c) => !removed.has(c)) }))
      .filter((d) => d.codes.length > 0),
    jumpThreshold: base.jumpThreshold,
    ...(base.jumpMinAbsolute ? { jumpMinAbsolute: base.jumpMinAbsolute } : {}),
  };
}

/**
 * The scheme for 2025.1, from the 2023 one: criteria the district and province were scored on are the
 * province's; the cut in public service units since 2015 (4.1.4.2) is no longer reported, so its criterion
 * goes; self-financing units (D6.1) are counted against the sum of 6.1–6.4 now that 4.1.4 is gone.
 * Commune criteria, and so commune scores, are unchanged.
 */
export function twoTierScheme(base: ScoringScheme): ScoringScheme {
  return {
    version: TWO_TIER_SCHEME_VERSION,
    templateVersion: TWO_TIER_TEMPLATE_VERSION,
    title: 'Chấm điểm CCHC theo Phụ lục thống kê 2025 (chính quyền hai cấp)',
    domains: base.domains.map((d) => ({
      ...d,
      criteria: d.criteria
        .filter((c) => c.code !== 'D4.4')
        .map((c) => {
          const levels = c.levels && isDistrictOnly(c.levels) ? (['province'] as UnitLevel[]) : c.levels;
          const rule =
            c.code === 'D6.1' && c.rule.kind === 'ratio' ? { ...c.rule, denominator: ['6.1', '6.2', '6.3', '6.4'] } : c.rule;
          return { ...c, rule, ...(levels ? { levels } : {}) };
        }),
    })),
  };
}
