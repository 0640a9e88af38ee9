import { DataSource } from 'typeorm';
import { defaultNarrativeOutline, textFromStructuredNarrative, type NarrativeSection, type ReportDocumentFields, type StructuredNarrative } from '@cchc/shared';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { ReportStore } from '../src/modules/reports/report.store';
import { readDocxText } from './support/docx-text';
import { startTestApp, TestApp } from './support/test-app';
import { createUsers, loadProvince46, openPeriods, PASSWORD, storedState, validValues } from './support/reports-fixtures';

interface ReportBody {
  status: string | null;
  version: number;
  narrative: Record<string, string>;
  narrativeDoc: StructuredNarrative;
  document: ReportDocumentFields;
  field?: string;
  message?: string;
  messageEn?: string;
}

const COMMUNE = '19894';
const U = `/api/reports/${COMMUNE}/2023`;

/** Saving the printed document's fields and the structured narrative, through the same PUT as the values. */
describe('reports: document fields and structured narrative', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ token: tok[who] });

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2023']);
    await createUsers(t.app, [
      ['huyen.477', ['reviewer', 'analyst'], '477'],
      ['xa.19894', ['officer'], COMMUNE],
    ]);
    for (const u of ['huyen.477', 'xa.19894']) tok[u] = await t.login(u, PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a report not yet written reads with the default document fields and no narrative', async () => {
    const r = await t.request<ReportBody>('GET', U, as('xa.19894'));
    expect(r.status).toBe(200);
    expect(r.body.document.issuerName).toBe('UBND XÃ QUẢNG THỌ');
    expect(r.body.document.issuerParent).toBe('UBND HUYỆN QUẢNG ĐIỀN');
    expect(r.body.document.kinhGui).toEqual(['Ủy ban nhân dân huyện Quảng Điền', 'Phòng Nội vụ huyện Quảng Điền']);
    expect(r.body.narrativeDoc).toEqual({});
  });

  it('saves document fields and a structured narrative, reads both back, keeps the text column in step and audits each', async () => {
    const defaults = (await t.request<ReportBody>('GET', U, as('xa.19894'))).body.document;
    const outline = defaultNarrativeOutline(2023);
    const sectionII: NarrativeSection = {
      ...outline.II!,
      subsections: [
        { number: '1', title: 'Cải cách thể chế', paragraphs: ['- Ban hành 3 văn bản QPPL;'], children: [{ number: '1.1', title: 'Xây dựng VB QPPL', paragraphs: ['Đoạn văn thứ nhất.'] }] },
      ],
    };
    const created = await t.request<ReportBody>('PUT', U, {
      ...as('xa.19894'),
      body: {
        version: 0,
        values: validValues('doc'),
        document: { ...defaults, soKyHieu: 'Số: 777/BC-UBND ', signerName: ' Trần  Kim ', noiNhan: ['- Như trên;', '', 'Lưu: VT.'] },
        narrative: { II: sectionII },
      },
    });
    expect(created.status).toBe(200);
    expect(created.body.document.soKyHieu).toBe('777/BC-UBND');
    expect(created.body.document.signerName).toBe('Trần Kim');
    expect(created.body.document.noiNhan).toEqual(['Như trên', 'Lưu: VT']);
    expect(created.body.narrativeDoc.II).toEqual(sectionII);
    expect(created.body.narrative.II).toBe(textFromStructuredNarrative({ II: sectionII }).II);
    expect(created.body.narrative.II).toContain('1.1. Xây dựng VB QPPL');

    const read = await t.request<ReportBody>('GET', U, as('xa.19894'));
    expect(read.body.document).toEqual(created.body.document);
    expect(read.body.narrativeDoc).toEqual(created.body.narrativeDoc);

    // A legacy text section fills the structured column too; the version moves with each change.
    const legacy = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: read.body.version, narrative: { I: '1. Về kế hoạch\nBan hành kế hoạch.' } } });
    expect(legacy.status).toBe(200);
    expect(legacy.body.version).toBe(read.body.version + 1);
    expect(legacy.body.narrativeDoc.I?.subsections.map((s) => [s.number, s.title, s.paragraphs])).toEqual([['1', 'Về kế hoạch', ['Ban hành kế hoạch.']]]);
    expect(legacy.body.narrativeDoc.II).toEqual(sectionII);

    const audit = await t.app.get(DataSource).getRepository(AuditEntry).find({ where: { unitCode: COMMUNE, periodId: '2023' } });
    const doc = audit.filter((a) => a.action === 'document');
    expect(doc).toHaveLength(1);
    expect(doc[0].before).toBeNull();
    expect((JSON.parse(doc[0].after!) as ReportDocumentFields).soKyHieu).toBe('777/BC-UBND');
    const narr = audit.filter((a) => a.action === 'narrative');
    expect(narr.map((a) => a.field).sort()).toEqual(['I', 'II']);
    expect(JSON.parse(narr.find((a) => a.field === 'II')!.after!)).toEqual(sectionII);

    // Sending the same fields again changes nothing: no version, no audit row.
    const again = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: legacy.body.version, document: legacy.body.document } });
    expect(again.body.version).toBe(legacy.body.version);

    // null goes back to the defaults.
    const reset = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: again.body.version, document: null } });
    expect(reset.status).toBe(200);
    expect(reset.body.document).toEqual(defaults);
    const restore = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: reset.body.version, document: created.body.document } });
    expect(restore.body.document.soKyHieu).toBe('777/BC-UBND');
  });

  it("a note's save writes only the note's columns: the narrative and document columns are not rewritten from what it read", async () => {
    const ds = t.app.get(DataSource);
    const store = t.app.get(ReportStore);
    const before = (await ds.query<Array<{ narrative: string | null; narrative_doc: string | null; document: string | null }>>(
      'SELECT narrative, narrative_doc, document FROM reports WHERE unit_code = ? AND period_id = ?',
      [COMMUNE, '2023'],
    ))[0];
    expect(before.narrative).not.toBeNull();
    expect(before.document).not.toBeNull();
    const edit = { values: new Map(), notes: new Map([['1.1.1', 'ghi chú của lần lưu']]), narrative: new Map(), narrativeDoc: new Map(), narrativeStructured: false };
    await ds.transaction(async (em) => {
      const report = (await store.findForWrite(em, COMMUNE, '2023'))!;
      // What this save read of the text columns, changed in memory only: a rewrite would store it.
      Object.assign(report, { narrative: { I: 'không được ghi' }, narrativeDoc: {}, document: null });
      const r = await store.applyEdit(em, report, false, edit, { unitCode: COMMUNE, periodId: '2023', actor: 'xa.19894', at: new Date() });
      expect(r.changed).toBe(true);
    });
    const after = (await ds.query<Array<{ narrative: string | null; narrative_doc: string | null; document: string | null }>>(
      'SELECT narrative, narrative_doc, document FROM reports WHERE unit_code = ? AND period_id = ?',
      [COMMUNE, '2023'],
    ))[0];
    expect(after).toEqual(before);
    const read = await t.request<ReportBody & { notes: Record<string, string | null> }>('GET', U, as('xa.19894'));
    expect(read.body.notes['1.1.1']).toBe('ghi chú của lần lưu');
    expect(read.body.document.soKyHieu).toBe('777/BC-UBND');
  });

  it('a bad document field or a malformed section is a 400 naming it, and changes nothing', async () => {
    const cur = (await t.request<ReportBody>('GET', U, as('xa.19894'))).body;
    const before = await storedState(t.app, COMMUNE, '2023');
    const bad = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: cur.version, document: { ...cur.document, date: '2023-13-45' }, narrative: { I: { ...cur.narrativeDoc.I!, title: 'X' } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('document.date');
    expect(bad.body.message).toMatch(/Ngày ban hành/);
    expect(bad.body.messageEn).toMatch(/date/);
    const malformed = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: cur.version, narrative: { II: { title: 'X', intro: 'not a list', subsections: [] } } } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe('narrative.II');
    const missing = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: cur.version, document: { soKyHieu: '1/BC' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toMatch(/^document\./);
    expect(await storedState(t.app, COMMUNE, '2023')).toEqual(before);
  });

  it('the DOCX export prints the saved số/ký hiệu, signer and subsections', async () => {
    const res = await t.request('GET', `/api/exports/report/${COMMUNE}/2023.docx`, as('xa.19894'));
    expect(res.status).toBe(200);
    const doc = await readDocxText(res.raw);
    expect(doc.paragraphs).toContain('Số: 777/BC-UBND');
    expect(doc.paragraphs).toContain('1.1. Xây dựng VB QPPL');
    expect(doc.paragraphs).toContain('1. Về kế hoạch');
    expect(doc.tables.some((tb) => tb.some((row) => row.some((c) => c.includes('Trần Kim'))))).toBe(true);
  });

  it('once approved the document and the narrative are read-only: 409, nothing changed', async () => {
    expect((await t.request('POST', `${U}/submit`, as('xa.19894'))).status).toBe(200);
    expect((await t.request('POST', `${U}/approve`, as('huyen.477'))).status).toBe(200);
    const cur = (await t.request<ReportBody>('GET', U, as('xa.19894'))).body;
    expect(cur.status).toBe('approved');
    const before = await storedState(t.app, COMMUNE, '2023');
    const r = await t.request<ReportBody>('PUT', U, { ...as('xa.19894'), body: { version: cur.version, document: { ...cur.document, soKyHieu: '999/BC-UBND' }, narrative: { I: cur.narrativeDoc.I } } });
    expect(r.status).toBe(409);
    expect(await storedState(t.app, COMMUNE, '2023')).toEqual(before);
  });
});
