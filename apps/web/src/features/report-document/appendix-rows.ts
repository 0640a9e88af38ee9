import type { IndicatorNode, Template, UnitLevel } from '@cchc/shared';

/**
 * The appendix rows a level prints, as the DOCX does: its own indicators with the headings above
 * them, plus the other "Trong đó" rows of a breakdown it prints (the form prints a breakdown whole).
 */
export function appendixNodes(template: Template, level: UnitLevel): IndicatorNode[] {
  const byCode = new Map(template.nodes.map((n) => [n.code, n]));
  const keep = new Set(template.nodes.filter((n) => !n.isHeading && (n.levels ?? []).includes(level)).map((n) => n.code));
  for (const code of [...keep]) for (let p = byCode.get(code)?.parent; p; p = byCode.get(p)?.parent) keep.add(p);
  const parents = new Set(template.nodes.filter((n) => n.breakdown && keep.has(n.code)).map((n) => n.parent));
  return template.nodes.filter((n) => keep.has(n.code) || (n.breakdown && parents.has(n.parent)));
}

/** "UBND XÃ QUẢNG THỌ" → "UBND xã Quảng Thọ", as a sentence names the issuer. */
export function issuerInSentence(issuer: string, unitName: string): string {
  const m = /^(Xã|Phường|Thị trấn|Huyện|Quận|Thị xã|Thành phố|Tỉnh)\s+(.*)$/u.exec(unitName.trim());
  return m ? `UBND ${m[1].toLocaleLowerCase('vi')} ${m[2]}` : issuer;
}
