import type { ConsistencyRule, IndicatorNode, Template } from './types';

/** The fields whose change alters what a unit reports or how it rolls up. */
export const DIFF_FIELDS = ['title', 'unit', 'valueType', 'options', 'levels', 'aggregation', 'weightCode', 'parent', 'required', 'min', 'max'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldChange {
  field: DiffField;
  from: unknown;
  to: unknown;
}

export interface RowRef {
  code: string;
  title: string;
}

export interface TemplateDiff {
  from: string;
  to: string;
  added: RowRef[];
  removed: RowRef[];
  /** Rows in both (or renamed: `renamedFrom` in the newer names the older code). */
  changed: Array<{ code: string; previousCode?: string; title: string; changes: FieldChange[] }>;
  rules: { added: string[]; removed: string[]; changed: string[] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Compares two versions row by row (by code, following `renamedFrom`) and rule by rule (by id). */
export function diffTemplates(a: Template, b: Template): TemplateDiff {
  const oldByCode = new Map(a.nodes.map((n) => [n.code, n]));
  const matched = new Set<string>();
  const added: RowRef[] = [];
  const changed: TemplateDiff['changed'] = [];
  for (const n of b.nodes) {
    const prevCode = oldByCode.has(n.code) ? n.code : n.renamedFrom !== undefined && oldByCode.has(n.renamedFrom) ? n.renamedFrom : undefined;
    if (prevCode === undefined) {
      added.push({ code: n.code, title: n.title });
      continue;
    }
    matched.add(prevCode);
    const prev = oldByCode.get(prevCode) as IndicatorNode;
    const changes: FieldChange[] = DIFF_FIELDS.filter((f) => !same(prev[f], n[f])).map((f) => ({ field: f, from: prev[f] ?? null, to: n[f] ?? null }));
    if (changes.length > 0 || prevCode !== n.code) {
      changed.push({ code: n.code, ...(prevCode !== n.code ? { previousCode: prevCode } : {}), title: n.title, changes });
    }
  }
  const removed = a.nodes.filter((n) => !matched.has(n.code)).map((n) => ({ code: n.code, title: n.title }));
  const oldRules = new Map<string, ConsistencyRule>(a.rules.map((r) => [r.id, r]));
  const newRules = new Map<string, ConsistencyRule>(b.rules.map((r) => [r.id, r]));
  return {
    from: a.version,
    to: b.version,
    added,
    removed,
    changed,
    rules: {
      added: b.rules.filter((r) => !oldRules.has(r.id)).map((r) => r.id),
      removed: a.rules.filter((r) => !newRules.has(r.id)).map((r) => r.id),
      changed: b.rules.filter((r) => oldRules.has(r.id) && !same(oldRules.get(r.id), r)).map((r) => r.id),
    },
  };
}
