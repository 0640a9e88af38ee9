import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { REPO_ROOT } from '../src/config/config.schema';
import { readDocxText } from './support/docx-text';
import { ParEvidence } from '../src/modules/par/entities/par-evidence.entity';
import { ParSheet } from '../src/modules/par/entities/par-sheet.entity';
import { insertReport, loadProvinces, openPeriods, seedUsers } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A whole PAR round on MariaDB + Redis (BullMQ): criteria set → round → two communes self-assess with
 * evidence and a suggestion from their approved year report → appraisal 1 with a request to explain →
 * explanation with a new file → appraisal 2 → bonus/penalty and survey import → finalisation →
 * publication; late actions after each deadline, outsiders and bad uploads are refused.
 */

const A = '19753'; // Phường Phú Xuân
const B = '19774'; // Phường Kim Long
const C = '19777'; // Phường Vỹ Dạ: takes part, never submits
const UNITS_2025 = path.join(REPO_ROOT, 'data/reference/vn-admin-units-2025.json');

const SET = {
  title: 'Bộ tiêu chí thử nghiệm',
  domains: [
    {
      code: '1',
      title: 'Chỉ đạo điều hành',
      criteria: [
        {
          code: '1.1',
          title: 'Kế hoạch CCHC',
          subCriteria: [
            { code: '1.1.1', title: 'Ban hành kế hoạch', maxPoints: 2, scoring: { kind: 'yesno' }, evidence: 'Quyết định ban hành' },
            {
              code: '1.1.2',
              title: 'Hoàn thành kế hoạch',
              maxPoints: 4,
              scoring: { kind: 'tiers', tiers: [100, 75, 50] },
              evidence: 'Báo cáo năm',
              source: { kind: 'ratio', numerator: ['1.1.2'], denominator: ['1.1.1'], mapping: [{ minPercent: 100, percentOfMax: 100 }, { minPercent: 80, percentOfMax: 75 }, { minPercent: 50, percentOfMax: 50 }] },
            },
          ],
        },
      ],
    },
    {
      code: '2',
      title: 'Thể chế',
      criteria: [{ code: '2.1', title: 'Văn bản', subCriteria: [{ code: '2.1.1', title: 'Ban hành VBQPPL', maxPoints: 4, scoring: { kind: 'manual' }, notApplicableAllowed: true }] }],
    },
  ],
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe('PAR round, end to end (MariaDB + BullMQ)', () => {
  let t: TestApp;
  let evidenceDir: string;
  const tok: Record<string, string> = {};
  let roundId = 0;

  const call = <T = Record<string, unknown>>(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    t.request<T>(method, url, { token: tok[who], ...(body !== undefined ? { body } : {}) });
  const sheetUrl = (unit: string) => `/api/par/rounds/${roundId}/sheets/${unit}`;
  const upload = (who: string, unit: string, row: string, name: string, bytes: Buffer, type = 'application/octet-stream') =>
    t.app.inject({
      method: 'POST',
      url: `${sheetUrl(unit)}/evidence?row=${encodeURIComponent(row)}&name=${encodeURIComponent(name)}`,
      headers: { authorization: `Bearer ${tok[who]}`, 'content-type': type },
      payload: bytes,
    });
  const patchDeadlines = async (d: Record<string, string>) => {
    const r = await call('tinh', 'PATCH', `/api/par/rounds/${roundId}`, d);
    expect(r.status).toBe(200);
    return r.body;
  };
  const evidenceCount = () => t.app.get(DataSource).getRepository(ParEvidence).count();

  beforeAll(async () => {
    evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'par-evidence-'));
    t = await startTestApp({ PAR_EVIDENCE_DIR: evidenceDir, PAR_EVIDENCE_MAX_BYTES: '65536' });
    await loadProvinces(t, ['46', '48'], UNITS_2025);
    await openPeriods(t, ['2025']);
    await seedUsers(t, [
      ['admin', ['administrator'], null],
      ['tinh', ['reviewer'], '46'],
      ['tinh48', ['reviewer'], '48'],
      ['phantich', ['analyst'], '46'],
      ['xaA', ['officer'], A],
      ['xaB', ['officer'], B],
      ['xaC', ['officer'], C],
    ]);
    for (const u of ['admin', 'tinh', 'tinh48', 'phantich', 'xaA', 'xaB', 'xaC']) tok[u] = await t.login(u);
    // The year reports the suggestions come from: A completed 9 of 10 tasks, B 10 of 10; B's is approved, A's too.
    await insertReport(t, A, '2025', 'approved', { '1.1.1': 10, '1.1.2': 9 });
    await insertReport(t, B, '2025', 'approved', { '1.1.1': 10, '1.1.2': 10 });
    // C's report is only submitted: no suggestion may come from it.
    await insertReport(t, C, '2025', 'submitted', { '1.1.1': 10, '1.1.2': 10 });
  });

  afterAll(async () => {
    await t?.close();
    fs.rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('runs a whole round', async () => {
    // --- criteria set: draft, refused by a round, published, then immutable
    expect((await call('xaA', 'POST', '/api/par/criteria-sets', { version: 'thu-2025', document: SET })).status).toBe(403);
    const bad = await call<{ field: string; message: string }>('admin', 'POST', '/api/par/criteria-sets', { version: 'thu-2025', document: { ...SET, domains: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('document.domains');
    expect((await call('admin', 'POST', '/api/par/criteria-sets', { version: 'thu-2025', document: SET })).status).toBe(200);
    const now0 = Date.now();
    const deadlines = {
      self_assessment: iso(now0 + 3_600_000),
      appraisal_1: iso(now0 + 7_200_000),
      explanation: iso(now0 + 10_800_000),
      appraisal_2: iso(now0 + 14_400_000),
      finalisation: iso(now0 + 18_000_000),
    };
    const roundBody = { year: 2025, appraisingUnitCode: '46', criteriaVersion: 'thu-2025', deadlines, bonusCap: 1, penaltyCap: 1, surveyWeight: 5 };
    expect((await call('tinh', 'POST', '/api/par/rounds', roundBody)).status).toBe(409);
    expect((await call('admin', 'POST', '/api/par/criteria-sets/thu-2025/publish')).status).toBe(200);
    expect((await call('admin', 'POST', '/api/par/criteria-sets', { version: 'thu-2025', document: SET })).status).toBe(409);

    // --- the round: only the appraising unit's reviewers open it; its communes take part
    expect((await call('tinh48', 'POST', '/api/par/rounds', roundBody)).status).toBe(403);
    const opened = await call<{ id: number; participants: number; stage: string; bands: unknown }>('tinh', 'POST', '/api/par/rounds', roundBody);
    expect(opened.status).toBe(201);
    roundId = opened.body.id;
    expect(opened.body).toMatchObject({ participants: 40, stage: 'self_assessment', bands: [{ name: 'Tốt', min: 90 }, { name: 'Khá', min: 80 }, { name: 'Trung bình', min: 65 }, { name: 'Yếu', min: 0 }] });

    // --- self-assessment with the suggestion from the approved year report
    const sheetA = await call<{ rows: Array<{ code: string; suggestion: { points: number; inputs: Record<string, number> } | null }> }>('xaA', 'GET', sheetUrl(A));
    expect(sheetA.status).toBe(200);
    expect(sheetA.body.rows.find((r) => r.code === '1.1.2')!.suggestion).toMatchObject({ points: 3, inputs: { '1.1.1': 10, '1.1.2': 9 } });
    const sheetC = await call<{ rows: Array<{ code: string; suggestion: unknown }> }>('xaC', 'GET', sheetUrl(C));
    expect(sheetC.body.rows.find((r) => r.code === '1.1.2')!.suggestion).toBeNull();

    expect(
      (await call('xaA', 'PUT', sheetUrl(A), { rows: [{ code: '1.1.1', score: 2, documents: [{ number: '12/QĐ-UBND', date: '2025-01-10' }] }, { code: '1.1.2', acceptSuggestion: true }, { code: '2.1.1', score: 3, note: 'Ban hành 2 nghị quyết' }] })).status,
    ).toBe(200);
    const yesno = await call<{ field: string; message: string }>('xaB', 'PUT', sheetUrl(B), { rows: [{ code: '1.1.1', score: 1 }] });
    expect(yesno.status).toBe(400);
    expect(yesno.body).toMatchObject({ field: 'rows[0].score', message: '1.1.1 chấm đạt/không đạt: chỉ 0 hoặc 2 điểm.' });
    const noReason = await call<{ field: string }>('xaB', 'PUT', sheetUrl(B), { rows: [{ code: '1.1.1', score: 2 }, { code: '1.1.2', score: 2 }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('rows[1].overrideReason');
    expect((await call('xaB', 'PUT', sheetUrl(B), { rows: [{ code: '1.1.1', score: 2 }, { code: '1.1.2', score: 2, overrideReason: '2 nhiệm vụ hoàn thành sau kỳ báo cáo' }, { code: '2.1.1', notApplicable: true }] })).status).toBe(200);

    // --- outsiders: another commune, another province, an analyst of the province; the appraiser cannot fill in
    for (const who of ['xaC', 'tinh48', 'phantich']) {
      expect((await call(who, 'GET', sheetUrl(A))).status).toBe(403);
      expect((await call(who, 'PUT', sheetUrl(A), { rows: [{ code: '1.1.1', score: 0 }] })).status).toBe(403);
    }
    expect((await call('tinh', 'PUT', sheetUrl(A), { rows: [{ code: '1.1.1', score: 0 }] })).status).toBe(403);
    expect((await call('xaA', 'GET', `/api/par/rounds/${roundId}/sheets/20194`)).status).toBe(403);
    // 20194 exists but lies outside tinh's province: the access policy answers 403 before the round is read.
    expect((await call('tinh', 'GET', `/api/par/rounds/${roundId}/sheets/20194`)).status).toBe(403);

    // --- evidence: good files stored; wrong content, wrong extension, path tricks, oversize refused with nothing stored
    const upA = await upload('xaA', A, '1.1.1', 'Quyết định kế hoạch CCHC.pdf', PDF, 'application/pdf');
    expect(upA.statusCode).toBe(201);
    const evA = upA.json<{ id: number; mime: string }>();
    expect(evA.mime).toBe('application/pdf');
    expect((await upload('xaB', B, '1.1.1', 'anh-quyet-dinh.png', PNG, 'image/png')).statusCode).toBe(201);
    const storedBefore = filesUnder(evidenceDir).sort();
    const countBefore = await evidenceCount();
    expect(storedBefore).toHaveLength(2);
    const refusals: Array<[string, Buffer, number, string]> = [
      ['ke-hoach.pdf', EXE, 400, 'file'],
      ['ke-hoach.png', PDF, 400, 'name'],
      ['../../etc/passwd.pdf', PDF, 400, 'name'],
      ['..\\ke-hoach.pdf', PDF, 400, 'name'],
      ['to-qua.pdf', Buffer.concat([PDF, Buffer.alloc(70_000, 32)]), 413, 'file'],
    ];
    for (const [name, bytes, status, field] of refusals) {
      const r = await upload('xaA', A, '1.1.1', name, bytes);
      expect([name, r.statusCode, r.json<{ field: string }>().field]).toEqual([name, status, field]);
    }
    expect((await upload('xaC', C, '9.9.9', 'x.pdf', PDF)).statusCode).toBe(400);
    expect((await upload('xaC', A, '1.1.1', 'x.pdf', PDF)).statusCode).toBe(403);
    expect(filesUnder(evidenceDir).sort()).toEqual(storedBefore);
    expect(await evidenceCount()).toBe(countBefore);

    // --- downloads: the commune, its appraiser and administrators; always an attachment with nosniff
    for (const who of ['xaA', 'tinh', 'admin']) {
      const d = await t.app.inject({ method: 'GET', url: `${sheetUrl(A)}/evidence/${evA.id}`, headers: { authorization: `Bearer ${tok[who]}` } });
      expect(d.statusCode).toBe(200);
      expect(d.headers['content-disposition']).toMatch(/^attachment; filename="Quyet dinh ke hoach CCHC.pdf"; filename\*=UTF-8''/);
      expect(d.headers['x-content-type-options']).toBe('nosniff');
      expect(d.rawPayload.equals(PDF)).toBe(true);
    }
    for (const who of ['xaC', 'tinh48', 'phantich']) expect((await call(who, 'GET', `${sheetUrl(A)}/evidence/${evA.id}`)).status).toBe(403);
    // B's officer asking for A's file through B's own sheet: not on that sheet.
    expect((await call('xaB', 'GET', `${sheetUrl(B)}/evidence/${evA.id}`)).status).toBe(404);

    // --- submit: every row scored first; appraisal before the window → 409
    const early = await call<{ error: string }>('xaC', 'POST', `${sheetUrl(C)}/submit`);
    expect(early.status).toBe(400);
    expect((await call('xaA', 'POST', `${sheetUrl(A)}/submit`)).status).toBe(200);
    expect((await call('xaB', 'POST', `${sheetUrl(B)}/submit`)).status).toBe(200);
    expect((await call('xaA', 'PUT', sheetUrl(A), { rows: [{ code: '1.1.1', score: 0 }] })).status).toBe(409);
    const tooSoon = await call<{ error: string }>('tinh', 'PUT', `${sheetUrl(A)}/appraisal`, { rows: [{ code: '1.1.2', score: 2 }] });
    expect([tooSoon.status, tooSoon.body.error]).toEqual([409, 'par_stage_not_open']);

    // --- the self-assessment deadline arrives: the delayed BullMQ job locks the stage
    const selfEnds = Date.now() + 1500;
    await patchDeadlines({ self_assessment: iso(selfEnds) });
    let locked: string[] = [];
    for (let i = 0; i < 200 && !locked.includes('self_assessment'); i++) {
      await sleep(100);
      locked = (await call<{ lockedStages: string[] }>('tinh', 'GET', `/api/par/rounds/${roundId}`)).body.lockedStages;
    }
    expect(locked).toEqual(['self_assessment']);
    const late = await call<{ error: string }>('xaC', 'PUT', sheetUrl(C), { rows: [{ code: '1.1.1', score: 2 }] });
    expect([late.status, late.body.error]).toEqual([409, 'par_stage_closed']);
    expect((await upload('xaC', C, '1.1.1', 'tre.pdf', PDF)).statusCode).toBe(409);

    // --- appraisal 1: adjust A and ask it to explain 1.1.2; B loses 1.1.1
    const ap1 = await call<{ status: string }>('tinh', 'PUT', `${sheetUrl(A)}/appraisal`, { rows: [{ code: '1.1.2', score: 2, comment: 'Thiếu báo cáo kết quả 1 nhiệm vụ', requestExplanation: true }] });
    expect([ap1.status, ap1.body.status]).toEqual([200, 'explaining']);
    expect((await call('tinh', 'PUT', `${sheetUrl(B)}/appraisal`, { rows: [{ code: '1.1.1', score: 0, comment: 'Kế hoạch ban hành muộn' }] })).status).toBe(200);
    expect((await call('tinh48', 'PUT', `${sheetUrl(B)}/appraisal`, { rows: [{ code: '1.1.1', score: 2 }] })).status).toBe(403);
    expect((await call('xaA', 'PUT', `${sheetUrl(A)}/appraisal`, { rows: [{ code: '1.1.2', score: 4 }] })).status).toBe(403);
    expect((await call('xaA', 'PUT', `${sheetUrl(A)}/explanation`, { rows: [{ code: '1.1.2', explanation: 'x' }] })).status).toBe(409);

    // --- appraisal 1 closes (the write is refused by the state at once, whether or not the job ran)
    await patchDeadlines({ appraisal_1: iso(Date.now() - 1) });
    const lateAp1 = await call<{ error: string }>('tinh', 'PUT', `${sheetUrl(B)}/appraisal`, { rows: [{ code: '1.1.1', score: 2 }] });
    expect([lateAp1.status, lateAp1.body.error]).toEqual([409, 'par_stage_not_open']);

    // --- explanation with a new file; only rows asked about
    expect((await call('xaB', 'PUT', `${sheetUrl(B)}/explanation`, { rows: [{ code: '1.1.1', explanation: 'Xin giải trình' }] })).status).toBe(400);
    expect((await upload('xaB', B, '1.1.1', 'bo-sung.pdf', PDF)).statusCode).toBe(409);
    const ex = await call<{ status: string }>('xaA', 'PUT', `${sheetUrl(A)}/explanation`, { rows: [{ code: '1.1.2', explanation: 'Nhiệm vụ thứ 10 hoàn thành ngày 30/12, có báo cáo kèm theo.' }] });
    expect([ex.status, ex.body.status]).toEqual([200, 'explained']);
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Báo cáo kết quả nhiệm vụ thứ 10')] }] }));
    expect((await upload('xaA', A, '1.1.2', 'bao-cao-nhiem-vu-10.docx', docx)).statusCode).toBe(201);
    await patchDeadlines({ explanation: iso(Date.now() - 1) });
    expect((await call('xaA', 'PUT', `${sheetUrl(A)}/explanation`, { rows: [{ code: '1.1.2', explanation: 'muộn' }] })).status).toBe(409);
    expect((await upload('xaA', A, '1.1.2', 'muon.pdf', PDF)).statusCode).toBe(409);

    // --- appraisal 2 accepts the explanation; bonus, penalty and the survey (import all or nothing)
    const ap2 = await call<{ status: string }>('tinh', 'PUT', `${sheetUrl(A)}/appraisal`, { rows: [{ code: '1.1.2', score: 3, comment: 'Chấp nhận giải trình' }] });
    expect([ap2.status, ap2.body.status]).toEqual([200, 'reappraised']);
    // An entry cites its evidence (documents); a malformed citation is refused and adds nothing.
    const badCite = await call<{ field: string }>('tinh', 'POST', `${sheetUrl(A)}/adjustments`, { kind: 'bonus', points: 2, reason: 'Sáng kiến một cửa được công nhận', documents: [{ number: '45/QĐ-UBND', date: '02/06/2025' }] });
    expect([badCite.status, badCite.body.field]).toEqual([400, 'documents']);
    const bonusA = await call<{ adjustments: Array<{ kind: string; documents: unknown[] }> }>('tinh', 'POST', `${sheetUrl(A)}/adjustments`, {
      kind: 'bonus',
      points: 2,
      reason: 'Sáng kiến một cửa được công nhận',
      documents: [{ number: '45/QĐ-UBND', date: '2025-06-02', title: 'Công nhận sáng kiến' }],
    });
    expect(bonusA.status).toBe(200);
    expect(bonusA.body.adjustments).toEqual([expect.objectContaining({ kind: 'bonus', documents: [{ number: '45/QĐ-UBND', date: '2025-06-02', title: 'Công nhận sáng kiến' }] })]);
    expect((await call('tinh', 'POST', `${sheetUrl(B)}/adjustments`, { kind: 'penalty', points: 0.5, reason: 'Để xảy ra khiếu nại vượt cấp' })).status).toBe(200);
    expect((await call('xaA', 'POST', `${sheetUrl(A)}/adjustments`, { kind: 'bonus', points: 1, reason: 'tự cộng điểm' })).status).toBe(403);
    const importCsv = (csv: string) =>
      t.app.inject({ method: 'POST', url: `/api/par/rounds/${roundId}/survey/import`, headers: { authorization: `Bearer ${tok['tinh']}`, 'content-type': 'text/csv' }, payload: csv });
    const badImport = await importCsv(`Mã xã,Điểm\n${A},80\n20194,70\n`);
    expect([badImport.statusCode, badImport.json<{ field: string }>().field]).toEqual([400, 'lines[1].unitCode']);
    expect((await t.app.get(DataSource).getRepository(ParSheet).findOneByOrFail({ roundId, unitCode: A })).surveyPercent).toBeNull();
    const goodImport = await importCsv(`Mã xã,Điểm\n${A},80\n${B},60\n`);
    expect([goodImport.statusCode, goodImport.json()]).toEqual([200, { updated: 2 }]);
    await patchDeadlines({ appraisal_2: iso(Date.now() - 1) });
    expect((await call('tinh', 'PUT', `${sheetUrl(A)}/appraisal`, { rows: [{ code: '1.1.2', score: 4 }] })).status).toBe(409);

    // --- finalisation: every sheet; publication before that is refused; results hidden from communes until published
    expect((await call('tinh', 'POST', `/api/par/rounds/${roundId}/publish`)).status).toBe(409);
    const queue = await call<Array<{ unitCode: string }>>('tinh', 'GET', `/api/par/rounds/${roundId}/sheets`);
    expect(queue.body).toHaveLength(40);
    expect((await call('xaA', 'POST', `${sheetUrl(A)}/finalize`)).status).toBe(403);
    for (const s of queue.body) expect((await call('tinh', 'POST', `${sheetUrl(s.unitCode)}/finalize`)).status).toBe(200);
    await patchDeadlines({ finalisation: iso(Date.now() - 1) });
    expect((await call('tinh', 'POST', `${sheetUrl(A)}/adjustments`, { kind: 'bonus', points: 1, reason: 'muộn quá' })).status).toBe(409);
    expect((await call('xaA', 'GET', `/api/par/rounds/${roundId}/results`)).status).toBe(403);
    const published = await call<{ published: boolean }>('tinh', 'POST', `/api/par/rounds/${roundId}/publish`);
    expect([published.status, published.body.published]).toEqual([200, true]);

    // --- results, by hand (scale: 10 appraised points + 5 of survey):
    // A: 1.1.1 = 2 (own, not adjusted), 1.1.2 = 3 (second appraisal), 2.1.1 = 3 → 8 of 10; bonus 2 capped at 1;
    //    survey 80 % of 5 = 4 → (8 + 1 + 4) / 15 = 86.67 % → Khá.
    // B: 1.1.1 = 0 (first appraisal), 1.1.2 = 2 (own override), 2.1.1 not applicable → 2 of 6; penalty 0.5;
    //    survey 60 % of 5 = 3 → (2 − 0.5 + 3) / 11 = 40.91 % → Yếu.
    // The 38 others: nothing scored, no survey → 0, sharing rank 3.
    const res = await call<{ units: Array<{ unitCode: string; rank: number; index: number; band: string; appraised: number; denominator: number; domains: Array<{ code: string; points: number; max: number }> }> }>(
      'xaA',
      'GET',
      `/api/par/rounds/${roundId}/results`,
    );
    expect(res.status).toBe(200);
    const [first, second, third] = res.body.units;
    expect(first).toMatchObject({ unitCode: A, rank: 1, appraised: 8, denominator: 15, index: 86.67, band: 'Khá' });
    expect(first.domains).toEqual([expect.objectContaining({ code: '1', points: 5, max: 6 }), expect.objectContaining({ code: '2', points: 3, max: 4 })]);
    expect(second).toMatchObject({ unitCode: B, rank: 2, appraised: 2, denominator: 11, index: 40.91, band: 'Yếu' });
    expect(third).toMatchObject({ rank: 3, index: 0 });
    expect(res.body.units.filter((u) => u.rank === 3)).toHaveLength(38);

    // --- after publication: read-only
    expect((await call('tinh', 'PUT', `${sheetUrl(A)}/appraisal`, { rows: [{ code: '1.1.2', score: 4 }] })).status).toBe(409);
    expect((await call('tinh', 'PATCH', `/api/par/rounds/${roundId}`, { finalisation: iso(Date.now() + 3_600_000) })).status).toBe(409);
    expect((await call('tinh', 'POST', `/api/par/rounds/${roundId}/publish`)).status).toBe(409);

    // --- the workbook: one row per commune, domains as columns
    const x = await t.app.inject({ method: 'GET', url: `/api/par/rounds/${roundId}/results.xlsx`, headers: { authorization: `Bearer ${tok['xaB']}` } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toMatch(/^attachment;/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1, 6)).toEqual(['Xếp hạng', 'Mã xã', 'Tên xã', '1. Chỉ đạo điều hành', '2. Thể chế']);
    expect((ws.getRow(4).values as unknown[]).slice(1, 6)).toEqual([1, A, 'Phường Phú Xuân', 5, 3]);
    expect(ws.rowCount).toBe(3 + 40);

    // --- the documents to sign: the sheet for the commune, its appraisers, administrators; the council's summary for the appraisers only
    const getDoc = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tok[who]}` } });
    for (const who of ['xaA', 'tinh', 'admin']) {
      const d = await getDoc(who, `${sheetUrl(A)}/sheet.docx`);
      expect([who, d.statusCode]).toEqual([who, 200]);
      expect(d.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(d.headers['content-disposition']).toMatch(/^attachment; filename="phieu-tu-danh-gia-2025-19753.docx"/);
      expect(d.headers['x-content-type-options']).toBe('nosniff');
      const doc = await readDocxText(d.rawPayload);
      expect(doc.paragraphs).toContain('Chỉ số cải cách hành chính năm 2025 của Phường Phú Xuân');
      const rows = doc.tables[1];
      expect(rows.find((r) => r[0] === '1.1.1')).toEqual(['1.1.1', 'Ban hành kế hoạch', '2', '2', '', '12/QĐ-UBND ngày 10/01/2025; Tệp: Quyết định kế hoạch CCHC.pdf']);
      expect(rows.find((r) => r[0] === '1.1.2')?.slice(2, 5)).toEqual(['4', '3', '3']);
      expect(rows.find((r) => r[1] === 'TỔNG ĐIỂM')).toEqual(['', 'TỔNG ĐIỂM', '10', '8', '8', '']);
      expect(doc.paragraphs).toContain('- Điểm thưởng 2: Sáng kiến một cửa được công nhận (căn cứ: 45/QĐ-UBND ngày 02/06/2025 – Công nhận sáng kiến)');
    }
    for (const who of ['xaB', 'xaC', 'tinh48', 'phantich']) expect([who, (await getDoc(who, `${sheetUrl(A)}/sheet.docx`)).statusCode]).toEqual([who, 403]);
    const summaryUrl = `/api/par/rounds/${roundId}/summary.docx`;
    // Communes never get the council's minutes, published or not: the policy refuses the role.
    for (const who of ['xaA', 'xaB']) {
      const d = await getDoc(who, summaryUrl);
      expect([who, d.statusCode, d.json<{ error: string }>().error]).toEqual([who, 403, 'forbidden_role']);
    }
    for (const who of ['tinh48', 'phantich']) expect([who, (await getDoc(who, summaryUrl)).statusCode]).toEqual([who, 403]);
    for (const who of ['tinh', 'admin']) {
      const d = await getDoc(who, summaryUrl);
      expect([who, d.statusCode]).toEqual([who, 200]);
      expect(d.headers['content-disposition']).toMatch(/^attachment;/);
      const doc = await readDocxText(d.rawPayload);
      expect(doc.paragraphs).toContain('BIÊN BẢN');
      expect(doc.tables[0][0][0]).toContain('HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC');
      const table = doc.tables[1];
      expect(table).toHaveLength(1 + 40);
      expect(table[1]).toEqual(['1', 'Phường Phú Xuân', '8', '8', '1', '0', '4', '86,67', 'Khá', '1']);
      expect(table[2]).toEqual(['2', 'Phường Kim Long', '4', '2', '0', '0,5', '3', '40,91', 'Yếu', '2']);
      expect(doc.paragraphs.some((p) => p.startsWith('Kết quả đã được công bố ngày '))).toBe(true);
    }

    // --- every score change audited with its stage; the commune does not see the audit
    const audited = await call<{ audit: Array<{ rowCode: string | null; field: string; stage: string; actor: string; before: string | null; after: string | null }> }>('tinh', 'GET', sheetUrl(A));
    const trail = audited.body.audit.filter((a) => a.rowCode === '1.1.2' && a.field.endsWith('score')).map((a) => [a.field, a.stage, a.actor, a.before, a.after]);
    expect(trail).toEqual([
      // Usernames are stored in their normal form (lower case).
      ['self_score', 'self_assessment', 'xaa', null, '3'],
      ['appraisal1_score', 'appraisal_1', 'tinh', null, '2'],
      ['appraisal2_score', 'appraisal_2', 'tinh', null, '3'],
    ]);
    expect(audited.body.audit.some((a) => a.field === 'survey' && a.after === '80')).toBe(true);
    expect((await call<{ audit: unknown[] }>('xaA', 'GET', sheetUrl(A))).body.audit).toEqual([]);
  });

  it('round-trips a criteria set through JSON and XLSX; an uploaded workbook is checked row by row, dry run first', async () => {
    expect((await call('admin', 'POST', '/api/par/criteria-sets', { version: 'rt-1', document: SET })).status).toBe(200);
    const original = (await call<{ document: unknown }>('admin', 'GET', '/api/par/criteria-sets/rt-1')).body.document;

    // JSON: the download is the body POST takes back.
    const j = await t.app.inject({ method: 'GET', url: '/api/par/criteria-sets/rt-1/criteria.json', headers: { authorization: `Bearer ${tok['xaA']}` } });
    expect(j.statusCode).toBe(200);
    expect(j.headers['content-disposition']).toMatch(/^attachment; filename="bo-tieu-chi-rt-1.json"/);
    const back = JSON.parse(j.body) as { version: string; document: unknown };
    expect(back).toEqual({ version: 'rt-1', document: original });
    expect((await call('admin', 'POST', '/api/par/criteria-sets', { ...back, version: 'rt-json' })).status).toBe(200);
    expect((await call<{ document: unknown }>('admin', 'GET', '/api/par/criteria-sets/rt-json')).body.document).toEqual(original);

    // XLSX: download, upload as another version (dry run saves nothing), the same document comes back.
    const x = await t.app.inject({ method: 'GET', url: '/api/par/criteria-sets/rt-1/criteria.xlsx', headers: { authorization: `Bearer ${tok['tinh']}` } });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload);
    const ws = wb.getWorksheet('Bộ tiêu chí')!;
    expect((ws.getRow(4).values as unknown[]).slice(1, 8)).toEqual(['Tiêu chí thành phần', '1.1.1', 'Ban hành kế hoạch', 2, 'Đạt/Không đạt', undefined, 'Không']);
    const importXlsx = (who: string, version: string, bytes: Buffer, dryRun?: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/par/criteria-sets/import?version=${version}${dryRun ? '&dryRun=true' : ''}`,
        headers: { authorization: `Bearer ${tok[who]}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        payload: bytes,
      });
    const dry = await importXlsx('admin', 'rt-2', x.rawPayload, true);
    expect([dry.statusCode, dry.json()]).toEqual([200, { dryRun: true, version: 'rt-2', title: SET.title, maxPoints: 10, domains: 2, subCriteria: 3, saved: null }]);
    expect((await call('admin', 'GET', '/api/par/criteria-sets/rt-2')).status).toBe(404);
    const real = await importXlsx('admin', 'rt-2', x.rawPayload);
    expect([real.statusCode, real.json<{ saved: { status: string } }>().saved.status]).toEqual([200, 'draft']);
    expect((await call<{ document: unknown }>('admin', 'GET', '/api/par/criteria-sets/rt-2')).body.document).toEqual(original);

    // Row problems: every one named by row and column, in Vietnamese; nothing saved, dry run or not.
    ws.getRow(4).getCell(4).value = 'hai';
    ws.getRow(5).getCell(5).value = 'Chấm bừa';
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    for (const dryRun of [true, false]) {
      const r = await importXlsx('admin', 'rt-3', broken, dryRun);
      expect(r.statusCode).toBe(400);
      const body = r.json<{ field: string; message: string; details: { problems: Array<{ row: number; column: string; vi: string }> } }>();
      expect(body.field).toBe('rows[4]');
      expect(body.message).toBe('Sheet "Bộ tiêu chí", Dòng 4: điểm tối đa phải là số (ví dụ 2 hoặc 1,5). (và 1 lỗi khác)');
      expect(body.details.problems.map((p) => [p.row, p.column])).toEqual([
        [4, 'Điểm tối đa'],
        [5, 'Cách chấm'],
      ]);
    }
    expect((await call('admin', 'GET', '/api/par/criteria-sets/rt-3')).status).toBe(404);

    // Not a workbook; not an author; a published version.
    const notXlsx = await importXlsx('admin', 'rt-4', PDF);
    expect([notXlsx.statusCode, notXlsx.json<{ field: string }>().field]).toEqual([400, 'file']);
    expect((await importXlsx('xaA', 'rt-4', x.rawPayload)).statusCode).toBe(403);
    expect((await call('admin', 'POST', '/api/par/criteria-sets/rt-1/publish')).status).toBe(200);
    expect((await importXlsx('admin', 'rt-1', x.rawPayload, true)).statusCode).toBe(409);
  });
});
