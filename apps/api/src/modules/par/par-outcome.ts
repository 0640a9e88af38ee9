import type { ParRowOutcome, ParSubCriterion } from '@cchc/shared';
import type { ParSheetRow } from './entities/par-sheet-row.entity';

/**
 * The score that counts for a row: the second appraisal where it said something, else the first,
 * else the commune's own score (an appraiser who left a row alone accepted it). "Not applicable"
 * counts only where the set allows it.
 */
export function rowOutcome(def: Pick<ParSubCriterion, 'code' | 'notApplicableAllowed'>, r: ParSheetRow | undefined): ParRowOutcome {
  if (!r) return { code: def.code, score: null, notApplicable: false };
  const pick = (score: number | null, na: boolean | null) => (score !== null || na !== null ? { score, na: na ?? false } : null);
  const chosen = pick(r.appraisal2Score, r.appraisal2Na) ?? pick(r.appraisal1Score, r.appraisal1Na) ?? { score: r.selfScore, na: r.selfNa };
  const na = chosen.na && def.notApplicableAllowed;
  return { code: def.code, score: na ? null : chosen.score, notApplicable: na };
}
