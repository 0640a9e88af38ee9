import { formatVietnameseNumber } from '../format/number';
import type { IndicatorNode, ReportValues, Template } from '../template/types';

/**
 * Outlier checks with DHIS2's semantics: the modified z-score of Iglewicz & Hoaglin,
 * M = 0.6745 · (x − median) / MAD, flags |M| above a threshold (3.5 by default). Median and MAD
 * are robust: one earlier outlier in the history does not hide the next one, as a mean would.
 * Every result is a warning for a reviewer to look at, never an error that blocks anything.
 */

export interface OutlierThresholds {
  /** |modified z-score| above this is an outlier (DHIS2's default: 3.5). */
  zScore: number;
  /** Own history: at least this many approved earlier values of the same period type. */
  minHistory: number;
  /** Peers: at least this many approved sibling values of the same period. */
  minPeers: number;
  /** A zero is flagged when every earlier value was at least this (and there are minHistory of them). */
  zeroFloor: number;
  /** Differences smaller than this never count, by value type (a count going 2 → 4 is not news). */
  minAbsolute: { count: number; decimal: number; percent: number };
}

export const DEFAULT_OUTLIER_THRESHOLDS: OutlierThresholds = {
  zScore: 3.5,
  minHistory: 3,
  minPeers: 5,
  zeroFloor: 5,
  minAbsolute: { count: 3, decimal: 3, percent: 10 },
};

/** 0.6745 is the 0.75 quantile of the standard normal: it makes MAD comparable to a standard deviation. */
export const MODIFIED_Z_FACTOR = 0.6745;
/** When MAD is 0 (over half the sample is one value) DHIS2-style implementations fall back to the mean absolute deviation × 1.253314. */
const MEAN_AD_FACTOR = 1.253314;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface ModifiedZ {
  score: number;
  median: number;
  /** Median absolute deviation from the median. */
  mad: number;
}

/**
 * The modified z-score of `x` against `sample`. MAD = 0 falls back to the mean absolute deviation;
 * a sample with no spread at all gives ±Infinity for any other value (0 for the value itself).
 */
export function modifiedZScore(x: number, sample: readonly number[]): ModifiedZ | null {
  if (sample.length === 0) return null;
  const med = median(sample);
  const mad = median(sample.map((v) => Math.abs(v - med)));
  const diff = x - med;
  if (mad > 0) return { score: (MODIFIED_Z_FACTOR * diff) / mad, median: med, mad };
  const meanAd = sample.reduce((s, v) => s + Math.abs(v - med), 0) / sample.length;
  if (meanAd > 0) return { score: diff / (MEAN_AD_FACTOR * meanAd), median: med, mad };
  return { score: diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity, median: med, mad };
}

export interface HistoryPoint {
  periodId: string;
  value: number;
}

export interface PeerPoint {
  unitCode: string;
  unitName?: string;
  value: number;
}

export interface OutlierContext {
  /** The unit's own approved values of earlier periods of the same type, by indicator. */
  history: Record<string, HistoryPoint[]>;
  /** The same period's approved values of sibling units, by indicator. */
  peers: Record<string, PeerPoint[]>;
}

export type OutlierKind = 'history' | 'peers' | 'zero';

export interface OutlierWarning {
  code: string;
  kind: OutlierKind;
  value: number;
  /** The modified z-score (null for the zero rule). */
  score: number | null;
  median: number;
  mad: number;
  /** The figures the value was compared with, so the reviewer can judge for themselves. */
  history?: HistoryPoint[];
  peers?: PeerPoint[];
  message: { vi: string; en: string };
}

const NUMERIC = new Set(['count', 'decimal', 'percent']);

function fmt(n: number): string {
  return Number.isFinite(n) ? formatVietnameseNumber(Math.round(n * 100) / 100) : String(n);
}

function fmtEn(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : String(n);
}

/** Outlier warnings for every numeric value of one report against its history and its peers. */
export function detectOutliers(
  template: Template,
  values: ReportValues,
  context: OutlierContext,
  thresholds: Partial<OutlierThresholds> = {},
): OutlierWarning[] {
  const t = { ...DEFAULT_OUTLIER_THRESHOLDS, ...thresholds, minAbsolute: { ...DEFAULT_OUTLIER_THRESHOLDS.minAbsolute, ...thresholds.minAbsolute } };
  const out: OutlierWarning[] = [];
  for (const node of template.nodes) {
    const value = values[node.code];
    if (typeof value !== 'number' || !node.valueType || !NUMERIC.has(node.valueType)) continue;
    const history = (context.history[node.code] ?? []).filter((h) => Number.isFinite(h.value));
    const peers = (context.peers[node.code] ?? []).filter((p) => Number.isFinite(p.value));
    const w = checkValue(node, value, history, peers, t);
    if (w) out.push(w);
  }
  return out;
}

function checkValue(node: IndicatorNode, value: number, history: HistoryPoint[], peers: PeerPoint[], t: OutlierThresholds): OutlierWarning | null {
  const minAbs = t.minAbsolute[node.valueType as 'count' | 'decimal' | 'percent'];
  const label = `${node.code}`;
  if (history.length >= t.minHistory) {
    const hv = history.map((h) => h.value);
    const med = median(hv);
    // "A zero where the unit always had many": the z-score would also catch it, but this names it plainly.
    if (value === 0 && hv.every((v) => v >= t.zeroFloor)) {
      return {
        code: node.code, kind: 'zero', value, score: null, median: med, mad: median(hv.map((v) => Math.abs(v - med))), history,
        message: {
          vi: `${label}: giá trị 0, trong khi các kỳ trước đơn vị luôn có (${hv.map(fmt).join('; ')}). Kiểm tra lại có phải bỏ sót số liệu.`,
          en: `${label}: zero, while earlier periods always had some (${hv.map(fmtEn).join('; ')}). Check that nothing was left out.`,
        },
      };
    }
    const z = modifiedZScore(value, hv);
    if (z && Math.abs(z.score) > t.zScore && Math.abs(value - z.median) >= minAbs) {
      return {
        code: node.code, kind: 'history', value, score: z.score, median: z.median, mad: z.mad, history,
        message: {
          vi: `${label}: ${fmt(value)} khác xa số liệu các kỳ trước của đơn vị (trung vị ${fmt(z.median)}; ${history.map((h) => `${h.periodId}: ${fmt(h.value)}`).join(', ')}).`,
          en: `${label}: ${fmtEn(value)} is far from the unit's earlier periods (median ${fmtEn(z.median)}; ${history.map((h) => `${h.periodId}: ${fmtEn(h.value)}`).join(', ')}).`,
        },
      };
    }
  }
  if (peers.length >= t.minPeers) {
    const z = modifiedZScore(value, peers.map((p) => p.value));
    if (z && Math.abs(z.score) > t.zScore && Math.abs(value - z.median) >= minAbs) {
      return {
        code: node.code, kind: 'peers', value, score: z.score, median: z.median, mad: z.mad, peers,
        message: {
          vi: `${label}: ${fmt(value)} khác xa các đơn vị cùng cấp trong kỳ (trung vị ${fmt(z.median)} của ${peers.length} đơn vị).`,
          en: `${label}: ${fmtEn(value)} is far from sibling units this period (median ${fmtEn(z.median)} of ${peers.length} units).`,
        },
      };
    }
  }
  return null;
}
