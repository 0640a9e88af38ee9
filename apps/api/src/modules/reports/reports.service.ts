import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  type AccessAction,
  evaluateReport,
  defaultDocumentFields,
  Finding,
  hasErrors,
  indexTemplate,
  isEditableStatus,
  isOnTime,
  isStructuredNarrative,
  NARRATIVE_SECTION_KEYS,
  normalizeDocumentFields,
  parsePeriodId,
  previousPeriodId,
  REPORT_STATUS_LABELS,
  ReportDocumentFields,
  ReportValues,
  StructuredNarrative,
  structuredFromTextNarrative,
  Template,
  textFromStructuredNarrative,
  transitionAffectsBasis,
  validateReport,
  validateDocumentFields,
  validateValue,
  VALIDATION_RULES,
  type NarrativeSection,
  type NarrativeSectionKey,
} from '@cchc/shared';
import { badRequest, conflict } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Period } from '../periods/entities/period.entity';
import { TemplatesService } from '../templates/templates.service';
import { PeriodsService } from '../periods/periods.service';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import { SaveReportDto } from './dto/save-report.dto';
import { ReportComment } from './entities/report-comment.entity';
import { ReportSnapshot } from './entities/report-snapshot.entity';
import { Report, ReportNarrative, ReportStatus } from './entities/report.entity';
import { AccessPolicyService } from '../units/access-policy.service';
import { ReportEdit, ReportStore, StoredValues, staleVersionError } from './report.store';

export type { StoredValues };
import { writeTransaction } from '../../database/write-transaction';
import { readAfterCommit } from '../../common/after-commit';
import { selectEntities } from '../../database/entity-rows';

export const NARRATIVE_SECTIONS = NARRATIVE_SECTION_KEYS;
const NOTE_MAX = 2000;
const SECTION_MAX = 100_000;

export interface ReportView {
  unitCode: string;
  unitName: string;
  period: string;
  deadline: string;
  templateVersion: string;
  /** null: no report exists yet for this unit and period. */
  status: ReportStatus | null;
  version: number;
  values: Record<string, number>;
  notes: Record<string, string>;
  narrative: ReportNarrative;
  /** Header and signature of the printed document: the stored fields, else the unit's defaults. */
  document: ReportDocumentFields;
  /** Sections I–V as numbered subsections: stored, else derived from the text narrative. */
  narrativeDoc: StructuredNarrative;
  /** The reason of the latest return or reopening, while the report is back with its unit (status returned); else null. */
  returnComment: string | null;
  /** How a returned report came back: returned on review, or reopened after approval (null unless status is returned). */
  returnedAs: 'returned' | 'reopened' | null;
  comments: { id: number; indicatorCode: string | null; body: string; author: string; createdAt: Date }[];
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  onTime: boolean | null;
  approvedAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  updatedBy: string | null;
  previousPeriod: string | null;
  /** Findings of the shared rules, including completeness (as at submission). */
  findings: Finding[];
  errorCount: number;
  warningCount: number;
}

type ParsedInput = ReportEdit;

export const wrongStateError = (status: ReportStatus, actionVi: string, actionEn: string) =>
  conflict(
    'invalid_transition',
    `Không thể ${actionVi}: báo cáo đang ở trạng thái "${REPORT_STATUS_LABELS[status].vi}".`,
    `Cannot ${actionEn}: the report is ${REPORT_STATUS_LABELS[status].en}.`,
    { status },
  );

/** Findings of validateValue that mean "nothing storable": the save is refused. */
const REFUSED_RULES = new Set<string>([VALIDATION_RULES.type, VALIDATION_RULES.bound, VALIDATION_RULES.headingNoValue]);

const isBlankInput = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly templates: TemplatesService,
    private readonly store: ReportStore,
    private readonly access: AccessPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Unit (404, then 403 by the access policy for `action`), then period (404). */
  async resolve(user: AuthUser, unitCode: string, periodId: string, action: AccessAction = 'report.read'): Promise<{ unit: AdminUnit; period: Period }> {
    const current = await this.access.getFor(user, action, unitCode);
    const period = await this.periods.getOrThrow(periodId);
    // GSO reuses codes across trees: a report belongs to the unit its code named in that period
    // (19867 was Thị trấn Sịa in 2023, is Xã Quảng Điền now), and the policy must allow the action on that unit too.
    const atPeriod = await this.units.findByCode(unitCode, period.endDate);
    if (!atPeriod || atPeriod.id === current.id) return { unit: current, period };
    return { unit: await this.access.getFor(user, action, unitCode, period.endDate), period };
  }

  /** The previous period's approved values of the unit: what a jump is measured against. */
  async previousValues(em: EntityManager, unitCode: string, periodId: string): Promise<{ periodId: string | null; values?: ReportValues }> {
    const prevId = previousPeriodId(periodId);
    if (!prevId) return { periodId: null };
    const prev = await this.store.approvedValues(em, unitCode, prevId);
    return prev ? { periodId: prevId, values: prev.values } : { periodId: prevId };
  }

  findings(template: Template, level: AdminUnit['level'], values: ReportValues, previous?: ReportValues): Finding[] {
    return validateReport(template, values, { level, forSubmission: true, ...(previous ? { previous } : {}) });
  }

  private async returnedAs(em: EntityManager, reportId: number): Promise<'returned' | 'reopened'> {
    const last = await em
      .getRepository(ReportSnapshot)
      .createQueryBuilder('s')
      .select('s.kind', 'kind')
      .where('s.report_id = :reportId AND s.kind IN (:...kinds)', { reportId, kinds: ['returned', 'reopened'] })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(1)
      .getRawOne<{ kind: string }>();
    return last?.kind === 'reopened' ? 'reopened' : 'returned';
  }

  async read(user: AuthUser, unitCode: string, periodId: string): Promise<ReportView> {
    const { unit, period } = await this.resolve(user, unitCode, periodId);
    return this.view(unit, period);
  }

  /** The report as the API answers it; `written` is what a save just committed (no need to read it back). */
  async view(unit: AdminUnit, period: Period, written?: { report: Report; stored: StoredValues }): Promise<ReportView> {
    const em = this.dataSource.manager;
    const report = written ? written.report : await this.store.find(em, unit.code, period.id);
    const [stored, comments, prev, ancestors] = await Promise.all([
      written ? Promise.resolve(written.stored) : report ? this.store.loadValues(em, report.id) : Promise.resolve({ values: {}, notes: {} }),
      report
        ? selectEntities(em, ReportComment, { reportId: report.id }, { orderBy: ['createdAt', 'id'] })
        : Promise.resolve([]),
      this.previousValues(em, unit.code, period.id),
      report?.document ? Promise.resolve([]) : this.units.ancestors(unit),
    ]);
    const parent = ancestors.at(-1) ?? null;
    // A report keeps the version it was made with; a new one takes its period's.
    const template = report ? await this.templates.getPublished(report.templateVersion) : await this.periods.templateOf(period.id);
    // One evaluation for every level's own report (a district: 4.1.x, 5.x, 6.x, ...), the same as the
    // officer's form and home card run, so the counts agree everywhere.
    const evaluation = evaluateReport(template, stored.values, { level: unit.level, ...(prev.values ? { previous: prev.values } : {}) });
    const findings = evaluation.findings;
    return {
      unitCode: unit.code,
      unitName: unit.name,
      period: period.id,
      deadline: period.deadline,
      templateVersion: template.version,
      status: report?.status ?? null,
      version: report?.version ?? 0,
      values: stored.values,
      notes: stored.notes,
      narrative: report?.narrative ?? {},
      document: report?.document ?? defaultDocumentFields(unit, parent, period.id),
      narrativeDoc: report?.narrativeDoc ?? structuredFromTextNarrative(report?.narrative, parsePeriodId(period.id)?.year),
      // An older reason is history (in comments), never shown as the current one once resubmitted.
      returnComment: report?.status === 'returned' ? report.returnComment : null,
      returnedAs: report?.status === 'returned' ? await this.returnedAs(em, report.id) : null,
      comments: comments.map((c) => ({ id: c.id, indicatorCode: c.indicatorCode, body: c.body, author: c.author, createdAt: c.createdAt })),
      submittedAt: report?.submittedAt ?? null,
      firstSubmittedAt: report?.firstSubmittedAt ?? null,
      onTime: report?.firstSubmittedAt ? isOnTime(report.firstSubmittedAt.toISOString(), period.deadline) : null,
      approvedAt: report?.approvedAt ?? null,
      createdAt: report?.createdAt ?? null,
      updatedAt: report?.updatedAt ?? null,
      updatedBy: report?.updatedBy ?? null,
      previousPeriod: prev.values ? prev.periodId : null,
      findings,
      errorCount: evaluation.errorCount,
      warningCount: evaluation.warningCount,
    };
  }

  /**
   * Checks every sent value, note and section before anything is written: an unknown code, a
   * value that is not a number, is beyond the hard limit or is sent to a heading row is a 400
   * naming the code. A number out of its range (130 in a %, a negative or fractional count) is
   * kept in the draft, as are inconsistencies: those findings block submission and approval.
   */
  parseInput(template: Template, dto: SaveReportDto, periodId: string): ParsedInput {
    const idx = indexTemplate(template);
    const values = new Map<string, number | null>();
    const notes = new Map<string, string | null>();
    const narrative = new Map<string, string | null>();
    const unknown = (code: string, what: 'values' | 'notes') =>
      badRequest(
        what === 'values' ? code : `notes.${code}`,
        `Mã chỉ tiêu "${code}" không có trong biểu mẫu ${template.version}.`,
        `Indicator code "${code}" is not in template ${template.version}.`,
      );
    const errors: Finding[] = [];
    for (const [code, raw] of Object.entries(dto.values ?? {})) {
      const node = idx.get(code);
      if (!node) throw unknown(code, 'values');
      if (raw !== null && typeof raw !== 'number' && typeof raw !== 'string') {
        throw badRequest(code, `Chỉ tiêu ${code}: giá trị phải là số hoặc chuỗi số.`, `Indicator ${code}: the value must be a number or a numeric string.`);
      }
      const r = validateValue(node, isBlankInput(raw) ? null : raw);
      // Only what cannot be stored is refused; an out-of-range figure is kept and reported as a finding.
      const refused = r.findings.filter((f) => REFUSED_RULES.has(f.rule));
      if (refused.length > 0) errors.push(...refused);
      else values.set(code, r.value);
    }
    if (errors.length > 0) {
      throw badRequest(errors[0].code, errors[0].message.vi, errors[0].message.en, { findings: errors });
    }
    for (const [code, raw] of Object.entries(dto.notes ?? {})) {
      if (!idx.has(code)) throw unknown(code, 'notes');
      if (raw !== null && typeof raw !== 'string') throw badRequest(`notes.${code}`, `Ghi chú của chỉ tiêu ${code} phải là văn bản.`, `The note of ${code} must be text.`);
      const text = raw?.trim() ?? '';
      if (text.length > NOTE_MAX) throw badRequest(`notes.${code}`, `Ghi chú của chỉ tiêu ${code} dài quá ${NOTE_MAX} ký tự.`, `The note of ${code} exceeds ${NOTE_MAX} characters.`);
      notes.set(code, text === '' ? null : text);
    }
    const narrativeDoc = new Map<string, NarrativeSection | null>();
    const structured = this.parseNarrative(dto.narrative, periodId, narrative, narrativeDoc);
    return { values, notes, narrative, narrativeDoc, narrativeStructured: structured, ...this.parseDocument(dto) };
  }

  /**
   * Sections I–V either as legacy texts or structured ({title, intro, subsections}); both
   * columns are filled from what was sent so old and new readers agree. Returns whether it was structured.
   */
  private parseNarrative(raw: unknown, periodId: string, text: Map<string, string | null>, doc: Map<string, NarrativeSection | null>): boolean {
    if (raw === undefined || raw === null) return false;
    const entries = Object.entries(raw as Record<string, unknown>);
    for (const [section] of entries) {
      if (!(NARRATIVE_SECTIONS as readonly string[]).includes(section)) {
        throw badRequest(`narrative.${section}`, `Phần "${section}" không có trong báo cáo (chỉ có I, II, III, IV, V).`, `Unknown narrative section "${section}" (I–V).`);
      }
    }
    const year = parsePeriodId(periodId)?.year;
    const objects = entries.filter(([, v]) => v !== null && typeof v === 'object');
    if (objects.length > 0) {
      for (const [section, v] of entries) {
        if (v !== null && !isStructuredNarrative({ [section]: v })) {
          throw badRequest(
            `narrative.${section}`,
            `Phần ${section} không đúng cấu trúc (tiêu đề, đoạn mở đầu, các mục đánh số có tiêu đề và đoạn văn).`,
            `Section ${section} is not a structured section ({title, intro[], subsections[{number, title, paragraphs[]}]}).`,
          );
        }
        const body = v as NarrativeSection | null;
        const plain = body ? (textFromStructuredNarrative({ [section]: body })[section as NarrativeSectionKey] ?? '') : '';
        if (plain.length > SECTION_MAX) throw badRequest(`narrative.${section}`, `Phần ${section} dài quá ${SECTION_MAX} ký tự.`, `Section ${section} exceeds ${SECTION_MAX} characters.`);
        const empty = plain.trim() === '';
        // An all-empty section is kept structured (its headings are the outline), but its text is blank.
        doc.set(section, body);
        text.set(section, empty ? null : plain);
      }
      return true;
    }
    for (const [section, v] of entries) {
      if (v !== null && typeof v !== 'string') throw badRequest(`narrative.${section}`, `Phần ${section} phải là văn bản.`, `Section ${section} must be text.`);
      const t = (v) ?? '';
      if (t.length > SECTION_MAX) throw badRequest(`narrative.${section}`, `Phần ${section} dài quá ${SECTION_MAX} ký tự.`, `Section ${section} exceeds ${SECTION_MAX} characters.`);
      const blank = t.trim() === '';
      text.set(section, blank ? null : t);
      doc.set(section, blank ? null : (structuredFromTextNarrative({ [section]: t }, year)[section as NarrativeSectionKey] ?? null));
    }
    return false;
  }

  /** undefined: not sent; null: back to the defaults; otherwise checked and normalized. */
  private parseDocument(dto: SaveReportDto): { document?: ReportDocumentFields | null } {
    if (dto.document === undefined) return {};
    if (dto.document === null) return { document: null };
    const problems = validateDocumentFields(dto.document);
    if (problems.length > 0) throw badRequest(problems[0].field, problems[0].vi, problems[0].en, { problems });
    return { document: normalizeDocumentFields(dto.document as unknown as ReportDocumentFields) };
  }

  /** Saves a draft (creating it): a partial merge of what was sent, atomic against concurrent saves. */
  async save(user: AuthUser, unitCode: string, periodId: string, dto: SaveReportDto): Promise<ReportView> {
    const { unit, period } = await this.resolve(user, unitCode, periodId, 'report.write');
    // Checked before any write against the period's template (cached): every report of a period is made
    // with it, as a period cannot change template once it has reports. The report itself is read once,
    // locked, inside the transaction (before: also once outside it, one round trip more per save).
    const periodTemplate = await this.periods.templateOf(period.id);
    const parsed = this.parseInput(periodTemplate, dto, period.id);

    const written = await writeTransaction(this.dataSource, async (em) => {
      const ctx = { unitCode: unit.code, periodId: period.id, actor: user.username, at: new Date() };
      // The report row first (created, or locked): every writer takes its locks in that order.
      let report = await this.store.findForWrite(em, unit.code, period.id);
      const created = !report;
      let input = parsed;
      if (!report) {
        if (dto.version !== undefined && dto.version !== 0) throw staleVersionError(null);
        report = await this.store.createDraft(em, unit, periodTemplate.version, ctx);
      } else {
        if (dto.version === undefined) {
          throw badRequest('version', 'Cần gửi kèm phiên bản (version) của báo cáo đang sửa.', 'Send the version of the report you are editing.');
        }
        // A report keeps the version it was made with, should it ever differ from its period's.
        if (report.templateVersion !== periodTemplate.version) input = this.parseInput(await this.templates.getPublished(report.templateVersion, em), dto, period.id);
        if (!isEditableStatus(report.status)) {
          throw report.status === 'approved'
            ? conflict('read_only', 'Báo cáo đã được duyệt nên chỉ được xem; cấp duyệt có thể mở lại nếu cần sửa.', 'The report is approved and read-only; the approving level may reopen it.', { status: report.status })
            : wrongStateError(report.status, 'sửa số liệu (đang chờ cấp trên thẩm định)', 'edit it while it awaits review');
        }
        if (dto.version !== report.version) throw staleVersionError(report.version);
      }
      return this.store.applyEdit(em, report, created, input, ctx);
    });
    return readAfterCommit({ vi: 'lưu báo cáo', en: 'save the report' }, () => this.view(unit, period, written));
  }

  /** For the workflow: errors that block submission (and approval) of the stored values. */
  async blockingFindings(em: EntityManager, report: Report, level: AdminUnit['level']): Promise<{ findings: Finding[]; values: Record<string, number> }> {
    const { values } = await this.store.loadValues(em, report.id);
    const findings = this.findings(await this.templates.getPublished(report.templateVersion, em), level, values);
    return { findings: hasErrors(findings) ? findings.filter((f) => f.severity === 'error') : [], values };
  }

  /** Whether a status change moves what the summaries count (ROLLUP_BASIS): then the parent goes stale. */
  affectsRollup(from: ReportStatus, to: ReportStatus): boolean {
    return transitionAffectsBasis(this.config.rollupBasis, from, to);
  }
}

