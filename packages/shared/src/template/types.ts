/**
 * The indicator catalogue as data. A template is the appendix tree of one year's
 * form ("Phụ lục — Thống kê số liệu về kết quả thực hiện công tác CCHC").
 */

export type UnitLevel = 'province' | 'district' | 'commune';

/** count: non-negative integer; decimal: any non-negative number; percent: 0–100;
 * yesno: 0/1; choice: one of the coded options. A node without a value type is a heading. */
export type ValueType = 'count' | 'decimal' | 'percent' | 'yesno' | 'choice';

export interface ChoiceOption {
  value: number;
  label: string;
  labelEn?: string;
}

/** Which figure of the aggregate is "the value" of an indicator in a summary. */
export type AggregationRule =
  | 'sum' // counts add up
  | 'mean' // unweighted mean over reporting units
  | 'weighted_mean' // mean weighted by the value of `weightCode` in each unit
  | 'share_yes' // yes/no: number and share of units with 1
  | 'distribution' // choice: count per option
  | 'max'
  | 'min';

export interface IndicatorNode {
  /** Unique within the template, e.g. "1.1.1", "3.2.3.1". */
  code: string;
  /** Vietnamese title with diacritics, as printed. */
  title: string;
  titleEn?: string;
  /** Unit label as printed ("Nhiệm vụ", "Văn bản", "%", "Người"…), empty when none. */
  unit: string;
  /** Absent for pure headings. A heading that carries a total in the form has one. */
  valueType?: ValueType;
  options?: ChoiceOption[];
  /** Levels that must report this value; absent = heading with nothing to report. */
  levels?: UnitLevel[];
  aggregation?: AggregationRule;
  /** For weighted_mean: the code whose value weights each unit's value. */
  weightCode?: string;
  /** Parent code; undefined for the seven groups. */
  parent?: string;
  /** Depth in the tree: 1 for groups, 2 for "1.1", … */
  depth: number;
  /** True for a heading that is not itself a value (no input). */
  isHeading: boolean;
  /** Editorial notes: the printed "Ghi chú" guidance, or a decision we took. */
  notes?: string;
  /** The printed "Ghi chú" text exactly, when the form itself prints guidance there
   * (so an importer can tell the form's text from a unit's own note). */
  guidance?: string;
  /** What the document prints in the STT column when it differs from `code`
   * ("1.1.1" for 1.2.1, "Trong đó" or "" for breakdown rows). */
  printedCode?: string;
  /** A "Trong đó" (of which) row: a breakdown of its parent, printed without a code. */
  breakdown?: boolean;
  /** Unit shown in the UI where the form prints none (`unit` stays as printed). */
  displayUnit?: string;
  /** A blank value blocks submission for the levels in `levels` (other blanks only warn). */
  required?: boolean;
  /** Bounds narrower than the value type's own (a percent row capped at 50, a count at 12). */
  min?: number;
  max?: number;
  /** The code this row had in the version it was derived from, when the code changed. */
  renamedFrom?: string;
}

export type Severity = 'error' | 'warning';

/** A consistency rule, declared as data. Each operand is a code; the sum of `left` is compared with the sum of `right`. */
export interface ConsistencyRule {
  id: string;
  /** lte/eq/gte compare Σleft with Σright (+ constant). requires: when every `left` value is
   * present, every `right` value must be present too (e.g. a percentage needs its base). */
  kind: 'lte' | 'eq' | 'gte' | 'requires';
  left: string[];
  right: string[];
  /** Added to the right-hand sum, e.g. 100 for "percent parts ≤ 100". */
  constant?: number;
  /** 'skip' (default): any blank operand skips the rule. 'ignore-left': blank left operands
   * count as absent parts — sound only for lte with non-negative parts, i.e. "the parts
   * that were given cannot exceed the total" (at least one left value must be present). */
  blanks?: 'skip' | 'ignore-left';
  severity: Severity;
  message: { vi: string; en: string };
}

export interface TemplateDecision {
  /** Codes the decision concerns. */
  codes: string[];
  vi: string;
  en: string;
}

export interface Template {
  /** e.g. "2023.1" */
  version: string;
  year: number;
  title: string;
  nodes: IndicatorNode[];
  rules: ConsistencyRule[];
  decisions: TemplateDecision[];
  /** Relative change above which a value's jump from the previous period is a warning (0.5 = ±50%). */
  jumpThreshold: number;
  /** Smallest absolute change worth a jump warning, by value type (counts: units; percent: points). */
  jumpMinAbsolute?: { count: number; decimal: number; percent: number };
}

/** Values of one report by indicator code. Blank is absent or null — never zero. */
export type ReportValues = Record<string, number | null | undefined>;

export interface Finding {
  code: string;
  severity: Severity;
  rule: string;
  message: { vi: string; en: string };
  values: Record<string, number | null>;
  /** Every indicator the finding concerns (`code` is the first of them). */
  codes?: string[];
  /** Previous-period values behind a jump warning. */
  previous?: Record<string, number | null>;
}
