/**
 * The stages of a PAR round, in order, each closing at its own deadline. A stage's window runs from
 * the previous deadline (the self-assessment from the opening) to its own; after the last deadline
 * the round waits for publication and accepts no score change.
 */
export const PAR_STAGES = ['self_assessment', 'appraisal_1', 'explanation', 'appraisal_2', 'finalisation'] as const;
export type ParStage = (typeof PAR_STAGES)[number];

export const PAR_STAGE_LABEL_VI: Record<ParStage | 'closed' | 'published', string> = {
  self_assessment: 'Tự đánh giá',
  appraisal_1: 'Thẩm định lần 1',
  explanation: 'Giải trình',
  appraisal_2: 'Thẩm định lần 2',
  finalisation: 'Hoàn thiện kết quả',
  closed: 'Đã hết hạn, chờ công bố',
  published: 'Đã công bố',
};

export type ParDeadlines = Record<ParStage, string>;

/** ISO timestamps, strictly increasing in stage order; null when they are. */
export function deadlinesProblem(d: Partial<Record<ParStage, string | null | undefined>>): { field: string; vi: string; en: string } | null {
  let prev = -Infinity;
  let prevStage: ParStage | null = null;
  for (const s of PAR_STAGES) {
    const v = d[s];
    if (!v) return { field: `deadlines.${s}`, vi: `Thiếu hạn của giai đoạn "${PAR_STAGE_LABEL_VI[s]}".`, en: `Missing the ${s} deadline.` };
    const t = Date.parse(v);
    if (!Number.isFinite(t)) return { field: `deadlines.${s}`, vi: `Hạn "${PAR_STAGE_LABEL_VI[s]}" không phải thời điểm hợp lệ.`, en: `The ${s} deadline is not a valid time.` };
    if (t <= prev && prevStage) {
      return {
        field: `deadlines.${s}`,
        vi: `Hạn "${PAR_STAGE_LABEL_VI[s]}" phải sau hạn "${PAR_STAGE_LABEL_VI[prevStage]}".`,
        en: `The ${s} deadline must come after the ${prevStage} deadline.`,
      };
    }
    prev = t;
    prevStage = s;
  }
  return null;
}

/**
 * Whether a stage accepts changes now: after the previous deadline (the first from the opening), before
 * its own, not locked by the deadline job, and the round not published. Checked on every write, so a
 * late action is refused even when the job has not run yet.
 */
export function stageOpen(stage: ParStage, deadlines: ParDeadlines, now: Date, locked: readonly ParStage[] = [], published = false): boolean {
  if (published || locked.includes(stage)) return false;
  const i = PAR_STAGES.indexOf(stage);
  const t = now.getTime();
  if (t >= Date.parse(deadlines[stage])) return false;
  if (i > 0 && t < Date.parse(deadlines[PAR_STAGES[i - 1]])) return false;
  return true;
}

/** The stage open now (by time alone), 'closed' after the last deadline, 'published' once published. */
export function currentStage(deadlines: ParDeadlines, now: Date, published = false): ParStage | 'closed' | 'published' {
  if (published) return 'published';
  const t = now.getTime();
  for (const s of PAR_STAGES) if (t < Date.parse(deadlines[s])) return s;
  return 'closed';
}

/** A commune's sheet through the round; the one vocabulary of its labels (screens, exports). */
export const PAR_SHEET_STATUSES = ['draft', 'submitted', 'appraised', 'explaining', 'explained', 'reappraised', 'final'] as const;
export type ParSheetStatusCode = (typeof PAR_SHEET_STATUSES)[number];

export const PAR_SHEET_STATUS_LABELS: Readonly<Record<ParSheetStatusCode, { vi: string; en: string }>> = {
  draft: { vi: 'Chưa nộp', en: 'not submitted' },
  submitted: { vi: 'Đã nộp, chờ thẩm định', en: 'submitted' },
  appraised: { vi: 'Đã thẩm định lần 1', en: 'appraised' },
  explaining: { vi: 'Được yêu cầu giải trình', en: 'asked to explain' },
  explained: { vi: 'Đã giải trình', en: 'explained' },
  reappraised: { vi: 'Đã thẩm định lần 2', en: 'appraised again' },
  final: { vi: 'Đã hoàn thiện', en: 'final' },
};
