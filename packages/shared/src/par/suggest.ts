import type { ParSubCriterion } from './criteria-set';

export interface ParSuggestion {
  points: number;
  /** The report's values it came from, by indicator code (null: not reported). */
  inputs: Record<string, number | null>;
  ratioPercent: number | null;
  reason: { vi: string; en: string };
}

type Values = Readonly<Record<string, number | string | null | undefined>>;

const round2 = (n: number) => Math.round(n * 100) / 100;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The score a sub-criterion's source in the (approved) year report suggests, or null when the row
 * has no source or a value it needs is missing — the officer then scores it by hand.
 */
export function suggestScore(row: Pick<ParSubCriterion, 'code' | 'maxPoints' | 'source'>, values: Values): ParSuggestion | null {
  const source = row.source;
  if (!source) return null;
  if (source.kind === 'yesno') {
    const v = num(values[source.input]);
    if (v === null) return null;
    const yes = v === 1;
    return {
      points: yes ? row.maxPoints : 0,
      inputs: { [source.input]: v },
      ratioPercent: null,
      reason: {
        vi: `Chỉ tiêu ${source.input} = ${yes ? 'Có' : 'Không'} → ${yes ? row.maxPoints : 0} điểm.`,
        en: `Indicator ${source.input} = ${yes ? 'yes' : 'no'} → ${yes ? row.maxPoints : 0} points.`,
      },
    };
  }
  const inputs: Record<string, number | null> = {};
  const sum = (codes: string[]): number | null => {
    let total = 0;
    for (const c of codes) {
      const v = num(values[c]);
      inputs[c] = v;
      if (v === null) return null;
      total += v;
    }
    return total;
  };
  const n = sum(source.numerator);
  const d = sum(source.denominator);
  if (n === null || d === null) return null;
  const label = `${source.numerator.join('+')} / ${source.denominator.join('+')}`;
  if (d === 0) {
    const full = (source.onZeroDenominator ?? 'full') === 'full';
    const points = full ? row.maxPoints : 0;
    return {
      points,
      inputs,
      ratioPercent: null,
      reason: { vi: `Mẫu số ${source.denominator.join('+')} = 0 (không phát sinh) → ${points} điểm.`, en: `Denominator is 0 (nothing arose) → ${points} points.` },
    };
  }
  const ratioPercent = round2((n / d) * 100);
  let share: number;
  if (source.mapping) {
    const band = [...source.mapping].sort((a, b) => b.minPercent - a.minPercent).find((m) => ratioPercent >= m.minPercent);
    share = band ? band.percentOfMax / 100 : 0;
  } else {
    share = Math.min(1, n / d);
  }
  const points = round2(share * row.maxPoints);
  return {
    points,
    inputs,
    ratioPercent,
    reason: {
      vi: `Tỷ lệ ${label} = ${n}/${d} = ${ratioPercent}% → ${points}/${row.maxPoints} điểm.`,
      en: `Ratio ${label} = ${n}/${d} = ${ratioPercent}% → ${points}/${row.maxPoints} points.`,
    },
  };
}
