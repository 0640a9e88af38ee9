import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  EDITABLE_STATUSES,
  parsePeriodId,
  structuredFromTextNarrative,
  type NarrativeSection,
  type ReportDocumentFields,
  type ReportStatus,
  type ReportValues,
  type StructuredNarrative,
} from '@cchc/shared';
import { conflict } from '../../common/api-error';
import { numberOrNull } from '../../database/columns';
import { AuditAction, AuditEntry } from '../audit/entities/audit-entry.entity';
import { insertRows } from '../../database/insert-rows';
import { selectEntities, updateEntities } from '../../database/entity-rows';
import { ReportComment } from './entities/report-comment.entity';
import { ReportSnapshot } from './entities/report-snapshot.entity';
import { ReportValue } from './entities/report-value.entity';
import { Report, ReportNarrative } from './entities/report.entity';
import { newDraftReport } from './new-draft-report';

/** Keeps IN lists and multi-row inserts (≤ 10 columns × 500 rows) well under every driver's bound-parameter limit. */
const CHUNK = 500;
/** Snapshots carry a whole report as JSON: smaller batches keep MySQL packets modest. */
const SNAPSHOT_CHUNK = 50;
/** Value rows have four columns: 2,000 a statement (8,000 parameters) for the national seed. */
const VALUE_CHUNK = 2000;

/** Plain multi-row INSERTs of `size` whole rows (the summary writer's metadata-driven insert: far less CPU than TypeORM's entity insert for a national seed); callers look ids up by key. */
export interface AuditChange {
  action: AuditAction;
  field: string | null;
  before: string | null;
  after: string | null;
}

/** Who writes, when, and to which unit's report: stamped on every audit row of one write. */
export interface WriteContext {
  unitCode: string;
  periodId: string;
  actor: string;
  at: Date;
}

export interface StoredValues {
  values: Record<string, number>;
  notes: Record<string, string>;
}

/** A partial edit: only the codes and sections present change; null clears. */
export interface ReportEdit {
  values: Map<string, number | null>;
  notes: Map<string, string | null>;
  narrative: Map<string, string | null>;
  /** The same sections structured (always filled alongside `narrative`, so both columns agree). */
  narrativeDoc: Map<string, NarrativeSection | null>;
  /** The client sent structured sections: audited as their JSON, compared structurally. */
  narrativeStructured: boolean;
  /** undefined: untouched; null: back to the unit's defaults. */
  document?: ReportDocumentFields | null;
}

/** What an import writes into one report: new values only (notes typed in the form survive). */
export interface ImportedValues {
  unit: { code: string; path: string };
  /** Undefined: no report yet, the store creates the draft. */
  report?: Report;
  changes: Array<{ code: string; before: number | null; after: number }>;
}

/** A whole report as the demo seed writes it, history included. */
export interface SeedReport {
  row: Omit<Report, 'id'>;
  values: Record<string, number>;
  notes: Record<string, string>;
  snapshots: Array<Pick<ReportSnapshot, 'kind' | 'reportVersion' | 'createdAt'>>;
  comments: Array<Pick<ReportComment, 'indicatorCode' | 'body' | 'author' | 'createdAt'>>;
  audit: Array<Omit<AuditChange, 'field'> & { field?: string | null; actor: string; at: Date }>;
}

/** What an edit left: the report row as written and every stored value and note, so a save answers without a second read. */
export interface AppliedEdit {
  changed: boolean;
  report: Report;
  stored: StoredValues;
}

function storedOf(rows: Iterable<Pick<ReportValue, 'indicatorCode' | 'value' | 'note'>>): StoredValues {
  const values: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const r of rows) {
    if (r.value !== null) values[r.indicatorCode] = r.value;
    if (r.note) notes[r.indicatorCode] = r.note;
  }
  return { values, notes };
}

/** What fixtures and benchmarks seed: the row (`reportRow` builds it) and values; notes and history optional. */
export type SeedInput = Pick<SeedReport, 'row' | 'values'> & Partial<Omit<SeedReport, 'row' | 'values'>>;

/** The one stale-version answer: the report changed since the client (or this request) read it. */
export const staleVersionError = (currentVersion: number | null) =>
  conflict(
    'stale_version',
    'Báo cáo đã được người khác thay đổi kể từ khi bạn mở (phiên bản cũ). Hãy tải lại báo cáo rồi nhập lại thay đổi của bạn.',
    'The report changed since you read it (stale version); reload it and reapply your change.',
    { currentVersion },
  );

export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.driverError?.code ?? err.code ?? '';
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|Duplicate entry/.test(err.message ?? '');
}

/** The values of many reports (also for readers without the store injected: rankings, rollups). */
export async function loadReportValues(db: DataSource | EntityManager, reportIds: number[]): Promise<Map<number, ReportValues>> {
  const out = new Map<number, ReportValues>();
  const repo = db.getRepository(ReportValue);
  for (let i = 0; i < reportIds.length; i += CHUNK) {
    const rows = await repo.find({
      where: { reportId: In(reportIds.slice(i, i + CHUNK)) },
      select: { reportId: true, indicatorCode: true, value: true },
    });
    for (const v of rows) {
      let m = out.get(v.reportId);
      if (!m) out.set(v.reportId, (m = {}));
      m[v.indicatorCode] = v.value;
    }
  }
  return out;
}

const str = (v: number | null): string | null => (v === null ? null : String(v));

/**
 * The only writer of reports, report_values, report_snapshots and the audit trail of report
 * changes. Every write runs in the caller's transaction (so a change and its audit commit
 * together) and takes locks in one order: the report row (created, or its version bumped in
 * SQL), then its values, then audit rows — two writers never wait on each other crosswise.
 */
@Injectable()
export class ReportStore {
  async find(em: EntityManager, unitCode: string, periodId: string): Promise<Report | null> {
    return (await selectEntities(em, Report, { unitCode, periodId }))[0] ?? null;
  }

  /**
   * The report row, locked for the rest of the transaction on MySQL: one locking read by its unique
   * key (unit, period), which takes the index and primary-key record locks, so every writer queues on
   * the same row. Callers run in writeTransaction (READ COMMITTED), where a locking read of an absent
   * key takes no gap lock, so concurrent creators of different reports do not deadlock on it.
   */
  async findForWrite(em: EntityManager, unitCode: string, periodId: string): Promise<Report | null> {
    return (await selectEntities(em, Report, { unitCode, periodId }, { lock: true }))[0] ?? null;
  }

  /** The values (and notes) of the unit's approved report of a period, in one query; null when it has none approved. */
  async approvedValues(em: EntityManager, unitCode: string, periodId: string): Promise<StoredValues | null> {
    // Written SQL: every save's answer asks for it (the jump check), and TypeORM's query building cost more than the query.
    const rows = await em.query<Array<{ code: string | null; value: unknown; note: string | null }>>(
      'SELECT v.indicator_code AS code, v.value AS value, v.note AS note FROM reports r LEFT JOIN report_values v ON v.report_id = r.id' +
        ' WHERE r.unit_code = ? AND r.period_id = ? AND r.status = ?',
      [unitCode, periodId, 'approved'],
    );
    if (rows.length === 0) return null;
    return storedOf(
      rows
        .filter((r): r is { code: string; value: unknown; note: string | null } => r.code !== null)
        .map((r) => ({ indicatorCode: r.code, value: numberOrNull.from(r.value) as number | null, note: r.note })),
    );
  }

  async findMany(em: EntityManager, unitCodes: string[], periodId: string): Promise<Map<string, Report>> {
    const out = new Map<string, Report>();
    for (let i = 0; i < unitCodes.length; i += CHUNK) {
      const rows = await em.getRepository(Report).find({ where: { unitCode: In(unitCodes.slice(i, i + CHUNK)), periodId } });
      for (const r of rows) out.set(r.unitCode, r);
    }
    return out;
  }

  async loadValues(em: EntityManager, reportId: number): Promise<StoredValues> {
    return storedOf(await selectEntities(em, ReportValue, { reportId }));
  }

  /** A new draft (version 1) with its "created" audit row. Losing a race to create the same report is a stale version. */
  async createDraft(em: EntityManager, unit: { code: string; path: string }, templateVersion: string, ctx: WriteContext): Promise<Report> {
    const report = em.getRepository(Report).create(newDraftReport(unit, ctx.periodId, templateVersion, ctx.actor, ctx.at));
    try {
      await em.getRepository(Report).insert(report);
    } catch (e) {
      if (isDuplicateKey(e)) throw staleVersionError(null);
      throw e;
    }
    await this.audit(em, { reportId: report.id, ...ctx }, [{ action: 'status', field: null, before: null, after: 'draft' }]);
    return report;
  }

  /**
   * The optimistic lock: bumps the version in SQL only if the row is still at the version (and,
   * if given, in one of the statuses) it was read at. Of two writers that read the same version
   * only one matches; the other gets the stale-version error and nothing of its write remains.
   */
  async bumpVersion(em: EntityManager, report: Report, patch: Omit<Partial<Report>, 'id' | 'version'>, statuses?: readonly ReportStatus[]): Promise<void> {
    const where = { id: report.id, version: report.version, ...(statuses ? { status: statuses } : {}) };
    const affected = await updateEntities(em, Report, patch, where, ['version = version + 1']);
    if (affected === 0) throw staleVersionError(null);
  }

  /**
   * Applies a partial edit to a report the caller has read (and, when `created` is false,
   * locked): values, notes and narrative sections that differ, one audit row per change, the
   * version bumped. Returns whether anything changed.
   */
  async applyEdit(em: EntityManager, report: Report, created: boolean, edit: ReportEdit, ctx: WriteContext): Promise<AppliedEdit> {
    const touched = [...new Set([...edit.values.keys(), ...edit.notes.keys()])];
    // All the report's rows (≤ ~130, one indexed query): what the edit changes, and what the caller
    // answers with afterwards without reading the report back.
    const current = new Map<string, ReportValue>();
    if (!created) for (const r of await selectEntities(em, ReportValue, { reportId: report.id })) current.set(r.indicatorCode, r);
    const changes: AuditChange[] = [];
    const finalRows: ReportValue[] = [];
    /** Existing rows the edit empties (no value, no note): the only ones deleted. */
    const emptiedCodes: string[] = [];
    for (const code of touched) {
      const cur = current.get(code);
      const beforeValue = cur?.value ?? null;
      const beforeNote = cur?.note ?? null;
      const afterValue = edit.values.has(code) ? edit.values.get(code)! : beforeValue;
      const afterNote = edit.notes.has(code) ? edit.notes.get(code)! : beforeNote;
      if (afterValue !== beforeValue) changes.push({ action: 'value', field: code, before: str(beforeValue), after: str(afterValue) });
      if (afterNote !== beforeNote) changes.push({ action: 'note', field: code, before: beforeNote, after: afterNote });
      if (afterValue === beforeValue && afterNote === beforeNote) continue;
      if (afterValue !== null || afterNote !== null) {
        finalRows.push(Object.assign(new ReportValue(), { reportId: report.id, indicatorCode: code, value: afterValue, note: afterNote }));
      } else if (cur) emptiedCodes.push(code);
    }
    const narrative: ReportNarrative = { ...(report.narrative ?? {}) };
    // A report saved before the structured column existed: its sections derived once, then kept.
    const narrativeDoc: StructuredNarrative = {
      ...(report.narrativeDoc ?? structuredFromTextNarrative(report.narrative, parsePeriodId(report.periodId)?.year)),
    };
    let narrativeChanged = false;
    for (const [section, text] of edit.narrative) {
      const key = section as keyof ReportNarrative;
      const doc = edit.narrativeDoc.get(section) ?? null;
      const before = narrative[key] ?? null;
      if (edit.narrativeStructured) {
        const beforeDoc = narrativeDoc[key] ? JSON.stringify(narrativeDoc[key]) : null;
        const afterDoc = doc ? JSON.stringify(doc) : null;
        if (beforeDoc === afterDoc) continue;
        changes.push({ action: 'narrative', field: section, before: beforeDoc, after: afterDoc });
      } else {
        if (before === text) continue;
        changes.push({ action: 'narrative', field: section, before, after: text });
      }
      narrativeChanged = true;
      if (text === null) delete narrative[key];
      else narrative[key] = text;
      if (doc === null) delete narrativeDoc[key];
      else narrativeDoc[key] = doc;
    }
    let documentValue = report.document ?? null;
    let documentChanged = false;
    if (edit.document !== undefined) {
      const before = report.document ? JSON.stringify(report.document) : null;
      const after = edit.document ? JSON.stringify(edit.document) : null;
      if (before !== after) {
        changes.push({ action: 'document', field: 'document', before, after });
        documentValue = edit.document;
        documentChanged = true;
      }
    }
    if (changes.length === 0) return { changed: false, report, stored: storedOf(current.values()) };

    const narrativeValue = Object.keys(narrative).length ? narrative : null;
    const narrativeDocValue = Object.keys(narrativeDoc).length ? narrativeDoc : null;
    // Only the text columns that change are written: a value's autosave does not rewrite the whole narrative
    // and document JSON. A report from before the structured column gets its derived sections stored once.
    const textPatch: Partial<Report> = {};
    if (narrativeChanged || (report.narrativeDoc == null && report.narrative != null)) Object.assign(textPatch, { narrative: narrativeValue, narrativeDoc: narrativeDocValue });
    if (documentChanged) textPatch.document = documentValue;
    let after: Report = report;
    if (!created) {
      const patch = { updatedAt: ctx.at, updatedBy: ctx.actor, ...textPatch };
      await this.bumpVersion(em, report, patch, EDITABLE_STATUSES);
      after = Object.assign(new Report(), report, patch, { version: report.version + 1 });
    } else if (Object.keys(textPatch).length > 0) {
      await em.getRepository(Report).update({ id: report.id }, textPatch);
      after = Object.assign(new Report(), report, textPatch);
    }
    for (const code of emptiedCodes) current.delete(code);
    for (const row of finalRows) current.set(row.indicatorCode, row);
    // Only rows that exist are deleted (a new draft has none): a DELETE of absent keys takes gap locks concurrent inserts deadlock on.
    for (let i = 0; i < emptiedCodes.length; i += CHUNK) {
      await em.getRepository(ReportValue).delete({ reportId: report.id, indicatorCode: In(emptiedCodes.slice(i, i + CHUNK)) });
    }
    // Changed and new rows in one multi-row upsert (before: a DELETE of the changed rows, then an INSERT): one
    // round trip fewer per save. Its duplicate-key check takes next-key locks even in READ COMMITTED, but only
    // on this report's rows, which the report row lock already serializes; the first row's gap reaches back
    // to the previous report's last row, so at worst that report's writer waits for this commit (it never
    // waits on this report's rows in turn, so no deadlock). The summaries stay DELETE + INSERT: tried as an
    // upsert, a district's and its province's passes deadlocked on those gap locks (rollups.e2e.ts).
    // insertRows builds the statement from the entity's metadata: less CPU per save than TypeORM's query builder.
    await insertRows(em, ReportValue, finalRows, CHUNK, { key: ['report_id', 'indicator_code'], update: ['value', 'note'] });
    await this.audit(em, { reportId: report.id, ...ctx }, changes);
    return { changed: true, report: after, stored: storedOf(current.values()) };
  }

  /**
   * A status change: the row moves only if it is still at the version and status it was read
   * at; the values are snapshotted as of the new version, comments and audit rows added.
   */
  async transition(
    em: EntityManager,
    report: Report,
    patch: Partial<Report>,
    snapshot: { kind: ReportSnapshot['kind']; values: Record<string, number> },
    comments: ReportComment[],
    changes: AuditChange[],
    ctx: WriteContext,
  ): Promise<void> {
    await this.bumpVersion(em, report, patch, [report.status]);
    await em.insert(ReportSnapshot, { reportId: report.id, kind: snapshot.kind, reportVersion: report.version + 1, values: snapshot.values, createdAt: ctx.at });
    if (comments.length > 0) await em.insert(ReportComment, comments);
    await this.audit(em, { reportId: report.id, ...ctx }, changes);
  }

  /**
   * Many reports' imported values in one transaction: missing drafts created, every existing
   * report's version bumped in SQL (still editable, still as read), values upserted and audited
   * in chunks (a national file is ~800,000 values and as many audit rows).
   */
  async applyImport(em: EntityManager, periodId: string, templateVersion: string, items: ImportedValues[], actor: string, at: Date): Promise<void> {
    const work = items.filter((w) => w.changes.length > 0);
    const ids = new Map<string, number>();
    const toCreate = work.filter((w) => !w.report);
    for (let i = 0; i < toCreate.length; i += CHUNK) {
      const rows = toCreate.slice(i, i + CHUNK).map((w) => newDraftReport(w.unit, periodId, templateVersion, actor, at));
      try {
        await em.createQueryBuilder().insert().into(Report).values(rows).execute();
      } catch (e) {
        if (isDuplicateKey(e)) throw staleVersionError(null);
        throw e;
      }
    }
    if (toCreate.length > 0) {
      for (const [code, rep] of await this.findMany(em, toCreate.map((w) => w.unit.code), periodId)) ids.set(code, rep.id);
    }
    for (const w of work) {
      if (!w.report) continue;
      await this.bumpVersion(em, w.report, { updatedAt: at, updatedBy: actor }, EDITABLE_STATUSES);
      ids.set(w.unit.code, w.report.id);
    }

    let values: Array<Pick<ReportValue, 'reportId' | 'indicatorCode' | 'value' | 'note'>> = [];
    let audit: Array<Omit<AuditEntry, 'id'>> = [];
    const flush = async () => {
      // Upsert only the value: a note typed in the form survives an import.
      if (values.length) await em.createQueryBuilder().insert().into(ReportValue).values(values).orUpdate(['value'], ['report_id', 'indicator_code']).execute();
      if (audit.length) await em.createQueryBuilder().insert().into(AuditEntry).values(audit).execute();
      values = [];
      audit = [];
    };
    for (const w of work) {
      const reportId = ids.get(w.unit.code) as number;
      for (const ch of w.changes) {
        values.push({ reportId, indicatorCode: ch.code, value: ch.after, note: null });
        audit.push({ reportId, unitCode: w.unit.code, periodId, actor, action: 'value', field: ch.code, before: str(ch.before), after: String(ch.after), at });
      }
      if (values.length >= CHUNK) await flush();
    }
    await flush();
  }

  /**
   * The bulk path of everything that seeds whole reports (the demo seed, test fixtures, the
   * benchmarks): reports with their history, multi-row inserts only (~1 s for a province on
   * SQLite; the national benchmark hands it 1,000 reports at a time). Ids by "unit/period".
   */
  async insertSeed(em: EntityManager, reports: SeedInput[]): Promise<Map<string, number>> {
    await insertRows(em, Report, reports.map((r) => r.row), CHUNK);
    const ids = new Map<string, number>();
    const periods = [...new Set(reports.map((r) => r.row.periodId))];
    for (const periodId of periods) {
      const codes = reports.filter((r) => r.row.periodId === periodId).map((r) => r.row.unitCode);
      for (const [code, rep] of await this.findMany(em, codes, periodId)) ids.set(`${code}/${periodId}`, rep.id);
    }
    const values: Partial<ReportValue>[] = [];
    const snapshots: Partial<ReportSnapshot>[] = [];
    const comments: Partial<ReportComment>[] = [];
    const audit: Partial<AuditEntry>[] = [];
    for (const r of reports) {
      const reportId = ids.get(`${r.row.unitCode}/${r.row.periodId}`)!;
      const notes = r.notes ?? {};
      const codes = new Set([...Object.keys(r.values), ...Object.keys(notes)]);
      for (const code of codes) values.push({ reportId, indicatorCode: code, value: r.values[code] ?? null, note: notes[code] ?? null });
      for (const s of r.snapshots ?? []) snapshots.push({ reportId, ...s, values: r.values });
      for (const c of r.comments ?? []) comments.push({ reportId, ...c });
      for (const a of r.audit ?? []) audit.push({ reportId, unitCode: r.row.unitCode, periodId: r.row.periodId, field: null, ...a });
    }
    await insertRows(em, ReportValue, values, VALUE_CHUNK);
    await insertRows(em, ReportSnapshot, snapshots, SNAPSHOT_CHUNK);
    await insertRows(em, ReportComment, comments, CHUNK);
    await insertRows(em, AuditEntry, audit, CHUNK);
    return ids;
  }

  /**
   * What fixtures and benchmarks do in place of a workflow pass over a seeded report: the row
   * patched with its version bumped in SQL, the given values upserted (with `replace`, every other
   * value of the report removed first). No audit rows: a seeded report has no trail to continue.
   */
  async reviseSeed(em: EntityManager, reportId: number, patch: Partial<Report>, values: Record<string, number>, opts: { replace?: boolean } = {}): Promise<void> {
    await em.createQueryBuilder().update(Report).set({ ...patch, version: () => 'version + 1' }).where('id = :id', { id: reportId }).execute();
    if (opts.replace) await em.getRepository(ReportValue).delete({ reportId });
    const rows = Object.entries(values).map(([indicatorCode, value]) => ({ reportId, indicatorCode, value, note: null }));
    for (let i = 0; i < rows.length; i += VALUE_CHUNK) {
      await em.createQueryBuilder().insert().into(ReportValue).values(rows.slice(i, i + VALUE_CHUNK)).orUpdate(['value'], ['report_id', 'indicator_code']).execute();
    }
  }

  /** Append-only trail rows, written in the caller's transaction. */
  private async audit(em: EntityManager, ctx: WriteContext & { reportId: number | null }, changes: AuditChange[]): Promise<void> {
    await insertRows(
      em,
      AuditEntry,
      changes.map((c) => ({ ...ctx, ...c })),
      CHUNK,
    );
  }
}
