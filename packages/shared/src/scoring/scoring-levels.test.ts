import { indexTemplate } from '../template/registry';
import { templateFor } from '../template/template-for';
import type { UnitLevel } from '../template/types';
import { SCORING_SCHEMES } from './scoring-2023';

const LEVELS: UnitLevel[] = ['commune', 'district', 'province'];

/** Every indicator code a rule reads (inputs, numerators, denominators), wherever it sits in the rule. */
function codesOf(rule: unknown, out: string[] = []): string[] {
  if (typeof rule === 'string') {
    if (/^\d+(\.\d+)*$/.test(rule)) out.push(rule);
  } else if (Array.isArray(rule)) rule.forEach((r) => codesOf(r, out));
  else if (rule && typeof rule === 'object') Object.values(rule).forEach((v) => codesOf(v, out));
  return out;
}

describe('scoring follows what each level reports', () => {
  for (const scheme of Object.values(SCORING_SCHEMES)) {
    it(`${scheme.version}: a criterion is scored only from rows its levels report`, () => {
      const idx = indexTemplate(templateFor(scheme.templateVersion));
      const wrong: string[] = [];
      for (const d of scheme.domains) {
        for (const c of d.criteria) {
          for (const level of c.levels ?? LEVELS) {
            for (const code of codesOf(c.rule)) {
              if (!(idx.get(code)?.levels ?? []).includes(level)) wrong.push(`${c.code}@${level}:${code}`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
