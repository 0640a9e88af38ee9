import { TEMPLATE_2023 } from './template-2023';
import type { IndicatorNode, Template, UnitLevel } from './types';

/**
 * The versions the code ships with: the seed a new database is given (by a migration and at start),
 * never read at run time — a report's template is the stored version its period names.
 */
export const BUILT_IN_TEMPLATES: readonly Template[] = [TEMPLATE_2023];

// Keyed by the template object so that every caller shares one index per template.
const indexCache = new WeakMap<Template, Map<string, IndicatorNode>>();
const childrenCache = new WeakMap<Template, Map<string, IndicatorNode[]>>();

export function indexTemplate(t: Template): Map<string, IndicatorNode> {
  let idx = indexCache.get(t);
  if (!idx) {
    idx = new Map(t.nodes.map((n) => [n.code, n]));
    indexCache.set(t, idx);
  }
  return idx;
}

/** Direct children in printed order; the groups for `code` undefined. */
export function childrenOf(t: Template, code: string | undefined): IndicatorNode[] {
  let map = childrenCache.get(t);
  if (!map) {
    map = new Map();
    for (const n of t.nodes) {
      const key = n.parent ?? '';
      const list = map.get(key);
      if (list) list.push(n);
      else map.set(key, [n]);
    }
    childrenCache.set(t, map);
  }
  return map.get(code ?? '') ?? [];
}

/** Nodes that take input (have a value type), optionally only those `level` reports. */
export function valueNodes(t: Template, level?: UnitLevel): IndicatorNode[] {
  return t.nodes.filter(
    (n) => n.valueType !== undefined && (level === undefined || (n.levels ?? []).includes(level)),
  );
}
