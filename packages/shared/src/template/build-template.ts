import type {
  AggregationRule,
  ChoiceOption,
  IndicatorNode,
  UnitLevel,
  ValueType,
} from './types';

/** Compact description of one printed row; `buildNodes` derives parent, depth and defaults. */
export interface RowSpec {
  code: string;
  title: string;
  unit?: string;
  type?: ValueType;
  levels?: UnitLevel[];
  aggregation?: AggregationRule;
  weightCode?: string;
  titleEn?: string;
  guidance?: string;
  decision?: string;
  printedCode?: string;
  breakdown?: boolean;
  displayUnit?: string;
  required?: boolean;
}

export const ALL_LEVELS: UnitLevel[] = ['commune', 'district', 'province'];
export const DISTRICT_UP: UnitLevel[] = ['district', 'province'];

/**
 * Coded options as the form prints them in the unit column:
 * "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2" → [{0,'Trực tuyến'}, {1,'Phát phiếu'}, {2,'Kết hợp'}].
 * A label may itself contain digits ("2 cấp = 1"), so a label is whatever precedes "= n".
 */
export function parseOptionsLabel(label: string): ChoiceOption[] {
  const out: ChoiceOption[] = [];
  const re = /\s*(.+?)\s*=\s*(\d+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(label)) !== null) {
    out.push({ value: Number(m[2]), label: m[1].trim() });
  }
  return out.sort((a, b) => a.value - b.value);
}

/** How a value of each type rolls up when its row names no rule (and no weight). */
export const DEFAULT_AGGREGATION: Record<ValueType, AggregationRule> = {
  count: 'sum',
  decimal: 'sum',
  percent: 'mean',
  yesno: 'share_yes',
  choice: 'distribution',
};

export function parentCode(code: string): string | undefined {
  const i = code.lastIndexOf('.');
  return i < 0 ? undefined : code.slice(0, i);
}

export function buildNodes(rows: RowSpec[], optionsEn: Record<string, string> = {}): IndicatorNode[] {
  return rows.map((r) => {
    const node: IndicatorNode = {
      code: r.code,
      title: r.title,
      unit: r.unit ?? '',
      depth: r.code.split('.').length,
      isHeading: r.type === undefined,
    };
    const parent = parentCode(r.code);
    if (parent !== undefined) node.parent = parent;
    if (r.titleEn) node.titleEn = r.titleEn;
    if (r.type) {
      node.valueType = r.type;
      node.levels = r.levels ?? ALL_LEVELS;
      node.aggregation = r.aggregation ?? (r.weightCode ? 'weighted_mean' : DEFAULT_AGGREGATION[r.type]);
      if (r.weightCode) node.weightCode = r.weightCode;
      if (r.type === 'choice' || r.type === 'yesno') {
        const opts = parseOptionsLabel(node.unit);
        if (opts.length > 0) {
          node.options = opts.map((o) => {
            const en = optionsEn[o.label];
            return en ? { ...o, labelEn: en } : o;
          });
        }
      }
    }
    const notes = [r.guidance, r.decision].filter((x): x is string => !!x);
    if (notes.length > 0) node.notes = notes.join(' — ');
    if (r.guidance) node.guidance = r.guidance;
    if (r.printedCode !== undefined) node.printedCode = r.printedCode;
    if (r.breakdown) node.breakdown = true;
    if (r.displayUnit) node.displayUnit = r.displayUnit;
    if (r.required) node.required = true;
    return node;
  });
}
