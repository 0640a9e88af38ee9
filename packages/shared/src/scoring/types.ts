import type { UnitLevel } from '../template/types';

/** One or more indicator codes; several are added up (e.g. 7.8.3 + 7.8.4). */
export type Inputs = string | readonly string[];

export type CriterionRule =
  /** Full points for 1, none for 0. */
  | { kind: 'yesno'; input: string }
  /** numerator / denominator × max, capped at 1. A zero denominator means "nothing arose"
   * and scores `onZeroDenominator` (default 'full'). */
  | { kind: 'ratio'; numerator: Inputs; denominator: Inputs; onZeroDenominator?: 'full' | 'zero' }
  /** The first tier (highest `min` first) the value reaches gives its fraction of the max. */
  | { kind: 'tiers'; input: Inputs; tiers: ReadonlyArray<{ min: number; fraction: number }> }
  /** value / 100 × max (a percentage), capped at 1. */
  | { kind: 'percent'; input: Inputs }
  /** The chosen option's fraction of the max. */
  | { kind: 'choice'; input: string; fractions: Readonly<Record<string, number>> };

export interface Criterion {
  code: string;
  title: string;
  titleEn?: string;
  maxPoints: number;
  rule: CriterionRule;
  /** Levels scored on this criterion; absent = every level. A criterion outside the
   * level adds neither points nor maximum. */
  levels?: UnitLevel[];
  /** Why this criterion and these inputs (shown in docs and the breakdown). */
  note?: string;
}

export interface Domain {
  code: string;
  title: string;
  titleEn?: string;
  criteria: Criterion[];
}

export interface ScoringScheme {
  version: string;
  templateVersion: string;
  title?: string;
  /** Maximum points per level as the author declares them; validation checks the criteria add up to them. */
  declaredMax?: Partial<Record<UnitLevel, number>>;
  domains: Domain[];
}

export interface CriterionScore {
  code: string;
  title: string;
  points: number;
  max: number;
  reason: { vi: string; en: string };
  inputs: Record<string, number | null>;
}

export interface DomainScore {
  code: string;
  title: string;
  points: number;
  max: number;
  /** points / max × 100; null when the level has no criterion in this domain. */
  percent: number | null;
  criteria: CriterionScore[];
}

export interface UnitScore {
  schemeVersion: string;
  total: number;
  max: number;
  percent: number | null;
  domains: DomainScore[];
}
