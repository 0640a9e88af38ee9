import { indexTemplate } from '../template/registry';
import { BUILT_IN_TEMPLATES } from '../template/registry';
import type { UnitLevel } from '../template/types';
import { BUILT_IN_SCHEMES } from './scoring-2023';

const templateFor = (version: string) => {
  const t = BUILT_IN_TEMPLATES.find((x) => x.version === version);
  if (!t) throw new Error(`no built-in template ${version}`);
  return t;
};

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
  for (const scheme of BUILT_IN_SCHEMES) {
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

  for (const scheme of BUILT_IN_SCHEMES) {
    const template = templateFor(scheme.templateVersion);
    /** Domain Dn stands for template group n (the seven PAR Index domains are the form's seven groups). */
    const groupOf = (code: string) => code.split('.')[0];
    const domainGroup = (domainCode: string) => domainCode.replace(/^D/, '');

    it(`${scheme.version}: every criterion reads at least one row of its own domain's group`, () => {
      const stray = scheme.domains.flatMap((d) =>
        d.criteria.filter((c) => !codesOf(c.rule).some((code) => groupOf(code) === domainGroup(d.code))).map((c) => c.code),
      );
      expect(stray).toEqual([]);
    });

    it(`${scheme.version}: a level has criteria only in the domains whose group it reports`, () => {
      const wrong: string[] = [];
      for (const level of LEVELS) {
        const reportedGroups = new Set(template.nodes.filter((n) => n.levels?.includes(level)).map((n) => groupOf(n.code)));
        for (const d of scheme.domains) {
          const earnable = d.criteria.filter((c) => (c.levels ?? LEVELS).includes(level));
          if (earnable.length > 0 && !reportedGroups.has(domainGroup(d.code))) wrong.push(`${d.code}@${level}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it(`${scheme.version}: a commune earns nothing under civil service (D5) or public finance (D6), which it does not report`, () => {
      const communeCriteria = (code: string) =>
        scheme.domains.find((d) => d.code === code)?.criteria.filter((c) => (c.levels ?? LEVELS).includes('commune')) ?? [];
      expect(communeCriteria('D5')).toEqual([]);
      expect(communeCriteria('D6')).toEqual([]);
      // …while a district still has criteria in both.
      for (const code of ['D5', 'D6']) {
        expect(scheme.domains.find((d) => d.code === code)!.criteria.some((c) => (c.levels ?? LEVELS).includes('district'))).toBe(true);
      }
    });
  }
});
