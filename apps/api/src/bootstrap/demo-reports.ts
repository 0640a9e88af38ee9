import {
  IndicatorNode,
  ReportValues,
  Template,
  validateReport,
  UnitLevel,
  valueNodes,
} from '@cchc/shared';

/** Small deterministic PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** A value near `base`: `spread` 0.4 for a commune unlike the reference, 0.08 for the same commune a year apart. */
function generateValue(node: IndicatorNode, base: number | undefined, rnd: () => number, spread: number): number {
  switch (node.valueType) {
    case 'count':
    case 'decimal': {
      const b = base ?? Math.floor(rnd() * 12);
      if (b === 0) return rnd() < 1 - spread / 2 ? 0 : 1 + Math.floor(rnd() * 3);
      const v = b * (1 - spread + 2 * spread * rnd());
      return node.valueType === 'count' ? Math.max(0, Math.round(v)) : round1(v);
    }
    case 'percent': {
      const b = Math.min(100, base ?? 70 + rnd() * 25);
      return Math.max(0, Math.min(100, round1(b + (rnd() - 0.4) * 60 * spread)));
    }
    case 'yesno': {
      const b = base ?? 1;
      return rnd() < spread * 0.375 ? 1 - b : b;
    }
    case 'choice': {
      const opts = node.options?.map((o) => o.value) ?? [0];
      if (base !== undefined && opts.includes(base) && rnd() > spread * 0.75) return base;
      return opts[Math.floor(rnd() * opts.length)];
    }
    default:
      return 0;
  }
}

function setSum(values: Record<string, number | null>, codes: string[], target: number, integer: boolean): void {
  const present = codes.filter((c) => values[c] !== null && values[c] !== undefined);
  const total = present.reduce((s, c) => s + (values[c] ?? 0), 0);
  if (present.length === 0) return;
  if (total <= 0) {
    values[present[0]] = Math.max(0, target);
    for (const c of present.slice(1)) values[c] = 0;
    return;
  }
  let used = 0;
  present.forEach((c, i) => {
    if (i === present.length - 1) {
      values[c] = integer ? Math.max(0, target - used) : round1(Math.max(0, target - used));
      return;
    }
    const share = ((values[c] ?? 0) / total) * target;
    const v = integer ? Math.floor(share) : round1(share);
    values[c] = v;
    used += v;
  });
}

/** Bends generated values until the template's consistency rules hold (lte: shrink the parts; eq: match the total). */
function reconcile(template: Template, values: Record<string, number | null>, idx: Map<string, IndicatorNode>): void {
  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    for (const rule of template.rules) {
      const has = (c: string) => values[c] !== null && values[c] !== undefined;
      const rightKnown = rule.right.every(has);
      if (!rightKnown && rule.right.length > 0) continue;
      const left = rule.left.filter(has);
      if (left.length === 0) continue;
      if (rule.blanks !== 'ignore-left' && left.length !== rule.left.length) continue;
      const r = rule.right.reduce((s, c) => s + (values[c] ?? 0), 0) + (rule.constant ?? 0);
      const l = left.reduce((s, c) => s + (values[c] ?? 0), 0);
      const integer = left.every((c) => idx.get(c)?.valueType === 'count');
      if ((rule.kind === 'lte' && l > r + 1e-9) || (rule.kind === 'eq' && Math.abs(l - r) > 1e-9)) {
        setSum(values, left, r, integer);
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/**
 * A plausible commune report: every commune-level indicator near the reference commune's own
 * figure (Quảng Thọ's real report), some optional ones left blank, bent to satisfy the
 * template's rules so that it could be submitted and approved.
 */
export function generateReport(
  template: Template,
  base: ReportValues,
  key: string,
  opts: { scale?: number; spread?: number; blankRate?: number; level?: UnitLevel } = {},
): Record<string, number> {
  // A district's or province's own report holds the rows the template gives its level.
  const { scale = 1, spread = 0.4, blankRate = 0.05, level = 'commune' } = opts;
  const rnd = prng(seedOf(key));
  const idx = new Map(template.nodes.map((n) => [n.code, n]));
  const values: Record<string, number | null> = {};
  for (const node of valueNodes(template, level)) {
    if (!node.required && rnd() < blankRate) continue;
    const b = base[node.code];
    const scaled = b === null || b === undefined ? undefined : node.valueType === 'count' || node.valueType === 'decimal' ? b * scale : b;
    values[node.code] = generateValue(node, scaled === undefined ? undefined : node.valueType === 'count' ? Math.round(scaled) : scaled, rnd, spread);
  }
  reconcile(template, values, idx);
  // Whatever still breaks a rule after reconciling is dropped (never a required value).
  for (const f of validateReport(template, values, { level })) {
    if (f.severity !== 'error') continue;
    for (const c of f.codes ?? [f.code]) if (!idx.get(c)?.required) values[c] = null;
  }
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => e[1] !== null));
}

/** Narrative sections I–V of the written report: the text under each roman-numbered heading, up to the closing formula. */
export function extractNarrative(text: string): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const heading = /^(I|II|III|IV|V)\.\s+\S/;
  const out: Record<string, string> = {};
  let current: string | null = null;
  let buf: string[] = [];
  const flush = () => {
    if (current) out[current] = buf.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    buf = [];
  };
  for (const line of lines) {
    const m = heading.exec(line.trim());
    if (m && line.trim() === line.trim().toUpperCase()) {
      flush();
      current = m[1];
      continue;
    }
    if (/^(Trên đây là|Nơi nhận|Phụ lục)/.test(line.trim())) {
      flush();
      current = null;
      continue;
    }
    if (current) buf.push(line);
  }
  flush();
  return out;
}
