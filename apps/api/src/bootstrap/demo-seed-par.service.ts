import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PAR_BANDS, DEMO_PAR_CRITERIA_SET, parRows, suggestScore, validateCriteriaSet, type ParCriteriaSet } from '@cchc/shared';
import { ParAdjustment } from '../modules/par/entities/par-adjustment.entity';
import { ParCriteriaSetRow } from '../modules/par/entities/par-criteria-set.entity';
import { ParEvidence } from '../modules/par/entities/par-evidence.entity';
import { ParRound } from '../modules/par/entities/par-round.entity';
import { ParScoreAudit } from '../modules/par/entities/par-score-audit.entity';
import { ParSheetRow } from '../modules/par/entities/par-sheet-row.entity';
import { ParSheet, type ParSheetStatus } from '../modules/par/entities/par-sheet.entity';
import { EVIDENCE_STORE, type EvidenceStore } from '../modules/par/evidence/evidence-store';
import { ParRoundsService } from '../modules/par/par-rounds.service';
import { ReportStore } from '../modules/reports/report.store';
import type { AdminUnit } from '../modules/units/entities/admin-unit.entity';
import { prng, seedOf } from './demo-reports';

export const DEMO_PAR_VERSION = 'demo-hn-5666';
const DAY = 86_400_000;

/** The sheets' states in stage order; the first communes show each one, the rest are drawn. */
const STATES: ParSheetStatus[] = ['final', 'reappraised', 'explained', 'explaining', 'appraised', 'submitted', 'draft'];

/** A one-page PDF (text only) standing in for a scanned decision. */
function demoPdf(title: string): Buffer {
  const text = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer << /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * DEMO_TREE=2025: a PAR round of Thành phố Huế for 2025 on a DEMO criteria set (QĐ 5666's structure,
 * invented points), now in its finalisation stage, with every sheet state present — final, re-appraised,
 * explained, asked to explain, appraised, submitted and never submitted — suggestions from the approved
 * 2025 reports, evidence files, bonus/penalty entries and survey scores. Written once.
 */
@Injectable()
export class DemoParSeedService {
  private readonly logger = new Logger('DemoParSeed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: ParRoundsService,
    private readonly reports: ReportStore,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
  ) {}

  async seed(province: AdminUnit, communes: AdminUnit[]): Promise<void> {
    if (await this.dataSource.getRepository(ParRound).exist({ where: { appraisingUnitCode: province.code } })) return;
    const v = validateCriteriaSet(DEMO_PAR_CRITERIA_SET);
    if (!v.ok) throw new Error(`demo criteria set invalid: ${v.problems[0].vi}`);
    const set: ParCriteriaSet = v.set;
    const now = Date.now();
    const em = this.dataSource.manager;
    if (!(await em.getRepository(ParCriteriaSetRow).exist({ where: { version: DEMO_PAR_VERSION } }))) {
      await em.getRepository(ParCriteriaSetRow).insert({
        version: DEMO_PAR_VERSION,
        title: set.title,
        status: 'published',
        document: JSON.stringify(set),
        maxPoints: v.maxPoints,
        createdBy: 'admin',
        createdAt: new Date(now - 60 * DAY),
        publishedAt: new Date(now - 59 * DAY),
      });
    }
    const rows = parRows(set);
    const pdf = demoPdf('Tai lieu kiem chung - minh hoa');
    const sha = createHash('sha256').update(pdf).digest('hex');
    await this.store.put(sha, pdf);
    const round = await this.dataSource.transaction(async (tx) => {
      const r = await tx.getRepository(ParRound).save(
        tx.getRepository(ParRound).create({
          year: 2025,
          title: `Chỉ số CCHC năm 2025 của các xã, phường – ${province.name} (MINH HỌA)`,
          appraisingUnitCode: province.code,
          appraisingUnitPath: province.path,
          criteriaVersion: DEMO_PAR_VERSION,
          deadlineSelfAssessment: new Date(now - 30 * DAY),
          deadlineAppraisal1: new Date(now - 20 * DAY),
          deadlineExplanation: new Date(now - 12 * DAY),
          deadlineAppraisal2: new Date(now - 2 * DAY),
          deadlineFinalisation: new Date(now + 10 * DAY),
          bonusCap: 5,
          penaltyCap: 5,
          surveyWeight: 32,
          bands: JSON.stringify(DEFAULT_PAR_BANDS),
          lockedStages: 'self_assessment,appraisal_1,explanation,appraisal_2',
          publishedAt: null,
          createdBy: `tinh.${province.code}`,
          createdAt: new Date(now - 45 * DAY),
        }),
      );
      const audit: Array<Partial<ParScoreAudit>> = [];
      for (const [i, c] of communes.entries()) {
        const rnd = prng(seedOf(`par/${c.code}`));
        const state = i < STATES.length * 2 ? STATES[i % STATES.length] : STATES[Math.floor(rnd() * 4)];
        const submitted = state !== 'draft';
        const sheet = await tx.getRepository(ParSheet).save(
          tx.getRepository(ParSheet).create({
            roundId: r.id,
            unitCode: c.code,
            unitName: c.name,
            status: state,
            surveyPercent: state === 'final' || state === 'reappraised' ? Math.round((60 + rnd() * 35) * 10) / 10 : null,
            submittedAt: submitted ? new Date(now - (31 + rnd() * 5) * DAY) : null,
            finalizedAt: state === 'final' ? new Date(now - rnd() * DAY) : null,
            updatedAt: new Date(now - DAY),
          }),
        );
        const stored = await this.reports.approvedValues(tx, c.code, '2025');
        const who = `xa.${c.code}`;
        const appraiser = `tinh.${province.code}`;
        const sheetRows: ParSheetRow[] = [];
        for (const [k, def] of rows.entries()) {
          const sug = stored ? suggestScore(def, stored.values) : null;
          const allowed = def.scoring.kind === 'yesno' ? [0, def.maxPoints] : def.scoring.kind === 'tiers' ? [0, ...def.scoring.tiers.map((t) => Math.round(t * def.maxPoints) / 100)] : null;
          const pickScore = (bias: number) => {
            if (allowed) return allowed[Math.min(allowed.length - 1, Math.floor((0.3 + bias * 0.7) * allowed.length + rnd() * 0.6))] ?? def.maxPoints;
            return Math.round(def.maxPoints * Math.min(1, 0.55 + bias * 0.45 + rnd() * 0.1) * 4) / 4;
          };
          const blank = state === 'draft' && k % 3 === 2;
          const na = def.notApplicableAllowed && rnd() < 0.2;
          const self = blank || na ? null : (sug?.points ?? pickScore(rnd()));
          const row = Object.assign(new ParSheetRow(), {
            sheetId: sheet.id,
            code: def.code,
            selfScore: self,
            selfNa: na,
            selfNote: self !== null && rnd() < 0.3 ? 'Đã thực hiện đầy đủ theo kế hoạch.' : null,
            documents: self !== null && def.evidence ? [{ number: `${10 + k}/QĐ-UBND`, date: '2025-03-15', title: def.evidence }] : null,
            suggestedScore: sug?.points ?? null,
            suggestion: sug ?? null,
            overrideReason: null,
            appraisal1Score: null as number | null,
            appraisal1Na: null as boolean | null,
            appraisal1Comment: null as string | null,
            explainRequested: false,
            explanation: null as string | null,
            appraisal2Score: null as number | null,
            appraisal2Na: null as boolean | null,
            appraisal2Comment: null as string | null,
          });
          const appraised = ['final', 'reappraised', 'explained', 'explaining', 'appraised'].includes(state);
          if (appraised && self !== null && rnd() < 0.25) {
            row.appraisal1Score = allowed ? (allowed.filter((a) => a < self).pop() ?? 0) : Math.max(0, Math.round((self - def.maxPoints * 0.25) * 4) / 4);
            row.appraisal1Comment = 'Tài liệu kiểm chứng chưa đầy đủ.';
            audit.push({ roundId: r.id, unitCode: c.code, rowCode: def.code, field: 'appraisal1_score', stage: 'appraisal_1', actor: appraiser, before: null, after: String(row.appraisal1Score), at: new Date(now - 22 * DAY) });
            if (['final', 'reappraised', 'explained', 'explaining'].includes(state) && rnd() < 0.6) {
              row.explainRequested = true;
              if (state !== 'explaining') {
                row.explanation = 'Xã đã bổ sung văn bản và báo cáo kết quả thực hiện (kèm theo).';
                if (state !== 'explained' && rnd() < 0.6) {
                  row.appraisal2Score = self;
                  row.appraisal2Comment = 'Chấp nhận giải trình.';
                  audit.push({ roundId: r.id, unitCode: c.code, rowCode: def.code, field: 'appraisal2_score', stage: 'appraisal_2', actor: appraiser, before: null, after: String(self), at: new Date(now - 4 * DAY) });
                }
              }
            }
          }
          if (self !== null) audit.push({ roundId: r.id, unitCode: c.code, rowCode: def.code, field: 'self_score', stage: 'self_assessment', actor: who, before: null, after: String(self), at: new Date(now - 33 * DAY) });
          sheetRows.push(row);
        }
        await tx.getRepository(ParSheetRow).save(sheetRows, { chunk: 50 });
        if (i < 6 && submitted) {
          await tx.getRepository(ParEvidence).insert(
            rows.slice(0, 3).map((def) => ({ roundId: r.id, unitCode: c.code, rowCode: def.code, stage: 'self_assessment', sha256: sha, size: pdf.length, mime: 'application/pdf', fileName: `${def.code} - ${def.evidence.slice(0, 60)}.pdf`, uploadedBy: who, uploadedAt: new Date(now - 32 * DAY) })),
          );
        }
        if (state === 'final' && rnd() < 0.6) {
          // Drawn in the order they always were, so the rest of the demo stays as it was.
          const kind = rnd() < 0.7 ? 'bonus' : 'penalty';
          const points = Math.round((0.5 + rnd() * 2.5) * 2) / 2;
          const initiative = rnd() < 0.7;
          const reason = initiative ? 'Sáng kiến CCHC được UBND thành phố công nhận' : 'Để xảy ra sai sót trong giải quyết hồ sơ';
          const documents = [initiative ? { number: `${Number(c.code) % 200}/QĐ-UBND`, date: '2025-11-20', title: 'Công nhận sáng kiến CCHC' } : { number: `${Number(c.code) % 90}/BB-KT`, date: '2025-10-08', title: 'Biên bản kiểm tra công vụ' }];
          await tx.getRepository(ParAdjustment).insert({ roundId: r.id, unitCode: c.code, kind, points, reason, documents, createdBy: appraiser, createdAt: new Date(now - 3 * DAY) });
        }
      }
      for (let i = 0; i < audit.length; i += 200) await tx.getRepository(ParScoreAudit).insert(audit.slice(i, i + 200));
      return r;
    });
    await this.rounds.scheduleLocks(round).catch((e: Error) => this.logger.warn(`demo round deadlines not scheduled: ${e.message}`));
    this.logger.log(`demo PAR round ${round.id} for ${province.name}: ${communes.length} sheets, stage finalisation`);
  }
}
