import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultDocumentFields } from '@cchc/shared';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { DataSource } from 'typeorm';
import { MAX_JSON_DEPTH } from '../src/common/json-body';
import { Report } from '../src/modules/reports/entities/report.entity';
import { insertReport, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers } from './exports-fixtures';
import { storedState, validValues } from './support/reports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import type { ApiErrorBody } from '../src/common/api-error';

const OWN = '19870';
const XML_ILLEGAL = ['\ufffe', '\uffff', '\u0001', '\u001f', '\ufdd0'];

/** Every XML part of an Office file, each checked by a strict (XML 1.0) parser; the problems found. */
async function xmlProblems(file: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  const problems: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    const parser = new SaxesParser();
    try {
      parser.write(await zip.file(name)!.async('string')).close();
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
    }
  }
  return problems;
}

/** The answer's shape on every error: status, code, Vietnamese and English, nothing else at the top level but field and details. */
function expectOurShape(status: number, body: unknown): void {
  const b = body as Record<string, unknown>;
  expect(b.statusCode).toBe(status);
  expect(typeof b.error).toBe('string');
  expect(typeof b.message).toBe('string');
  expect(typeof b.messageEn).toBe('string');
  expect(Object.keys(b).every((k) => ['statusCode', 'error', 'message', 'messageEn', 'field', 'details'].includes(k))).toBe(true);
}

describe('bounded and clean input; files that always open (MariaDB + Redis)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  let web: string;

  beforeAll(async () => {
    // A built web app of two files, so the SPA's fallback and the static files are both in play.
    web = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-web-'));
    fs.mkdirSync(path.join(web, 'assets'));
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>CCHC</title>');
    fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1);');
    t = await startTestApp({ WEB_DIST: web });
    ds = t.app.get(DataSource);
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2023']);
    await insertReport(t, OWN, '2023', 'draft', validValues('inputs'));
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(web, { recursive: true, force: true });
  });

  /** A save at the report's current version, so what is refused is the body, not a stale version. */
  const put = async (body: unknown) => {
    const version = (await t.request<{ version: number }>('GET', `/api/reports/${OWN}/2023`, { token: admin })).body.version;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return t.request<ApiErrorBody>('PUT', `/api/reports/${OWN}/2023`, {
      token: admin,
      body: `{"version":${version},${text.slice(1)}`,
      headers: { 'content-type': 'application/json' },
    });
  };

  it('refuses a narrative of 5,000 nested arrays with 400 naming the depth limit, not a 500', async () => {
    const before = await storedState(t.app, OWN, '2023');
    const deep = `{"narrative":{"I":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const r = await put(deep);
    expect(r.status).toBe(400);
    expectOurShape(400, r.body);
    expect(r.body.message).toContain(`giới hạn ${MAX_JSON_DEPTH} cấp`);
    expect(r.body.messageEn).toContain(`limit is ${MAX_JSON_DEPTH}`);
    // Just inside the limit is an ordinary validation matter, not a depth refusal.
    const shallow = await put(`{"narrative":{"I":${'['.repeat(MAX_JSON_DEPTH - 3)}${']'.repeat(MAX_JSON_DEPTH - 3)}}}`);
    expect(shallow.status).toBe(400);
    expect(shallow.body.messageEn).not.toContain('nests too deeply');
    expect(await storedState(t.app, OWN, '2023')).toEqual(before);
  });

  it('refuses unknown value keys of any spelling like any unknown code, and names __proto__ honestly', async () => {
    const before = await storedState(t.app, OWN, '2023');
    for (const key of ['__defineGetter', 'Constructor', 'TOSTRING', '9.9.9']) {
      const r = await put({ values: { [key]: 5 } });
      expect([key, r.status, r.body.field]).toEqual([key, 400, key]);
      expect(r.body.message).toContain(`Mã chỉ tiêu "${key}" không có trong biểu mẫu`);
    }
    // Keys named like Object.prototype's members, which the frameworks would drop without a word: refused by name.
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      const r = await put(`{"values":{"${key}":5}}`);
      expect([key, r.status, r.body.field]).toEqual([key, 400, `values.${key}`]);
      expect(r.body.message).toContain(`"${key}"`);
      expect(r.body.messageEn).not.toMatch(/not valid JSON/);
    }
    const ctor = await put('{"values":{"constructor":{"prototype":{"x":1}}}}');
    expect(ctor.status).toBe(400);
    expect(await storedState(t.app, OWN, '2023')).toEqual(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses characters XML cannot carry in notes, narrative and document fields, naming the field', async () => {
    const before = await storedState(t.app, OWN, '2023');
    for (const ch of XML_ILLEGAL) {
      for (const [body, field] of [
        [{ notes: { '1.1.1': `ghi chú${ch}` } }, 'notes.1.1.1'],
        [{ narrative: { I: `Phần I${ch}` } }, 'narrative.I'],
        [{ document: { issuerName: `UBND${ch}` } }, 'document.issuerName'],
      ] as const) {
        const r = await put(body);
        expect([field, JSON.stringify(ch), r.status, r.body.field]).toEqual([field, JSON.stringify(ch), 400, field]);
        expect(r.body.message).toContain('ký tự không hợp lệ');
      }
    }
    // Tab, newline and carriage return are text.
    expect((await put({ notes: { '1.1.1': 'dòng 1\r\n\tdòng 2' } })).status).toBe(200);
    const figures = (state: Awaited<ReturnType<typeof storedState>>) => state.values.map((v) => [v.indicatorCode, v.value]);
    expect(figures(await storedState(t.app, OWN, '2023'))).toEqual(figures(before));
  });

  it('writes DOCX and XLSX that a strict XML parser reads even when stored text holds such characters, and neutralises formulas in notes', async () => {
    const id = await insertReport(t, '19867', '2023', 'draft', validValues('xml'), {
      '1.1.1': `=HYPERLINK("http://x.example","bấm")${XML_ILLEGAL.join('')}`,
      '1.1.2': `ghi chú${XML_ILLEGAL.join('')} cuối`,
    });
    // Stored before the API refused them (or by any other path): the writers must still make a file that opens.
    await ds.getRepository(Report).update(id, {
      narrative: { I: `Phần I${XML_ILLEGAL.join('')}`, II: 'Phần II\uffff', III: null, IV: null, V: null } as never,
      document: { ...defaultDocumentFields({ name: 'Xã Quảng Thái', level: 'commune' }, null, '2023'), issuerName: 'UBND XÃ QUẢNG THÁI\ufffe', trichYeu: 'Báo cáo\uffff' },
    });
    const docx = await t.request('GET', '/api/exports/report/19867/2023.docx', { token: admin });
    expect(docx.status).toBe(200);
    expect(await xmlProblems(docx.raw)).toEqual([]);
    const xlsx = await t.request('GET', '/api/exports/report/19867/2023.xlsx', { token: admin });
    expect(xlsx.status).toBe(200);
    expect(await xmlProblems(xlsx.raw)).toEqual([]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw);
    const ws = wb.worksheets[0];
    let note: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '1.1.1.') note = row.getCell(5);
    });
    expect(note?.value).toBe(`'=HYPERLINK("http://x.example","bấm")`);
    expect(note?.formula).toBeUndefined();

    for (const file of ['477/2023.csv?scope=communes', '477/2023.xlsx?scope=communes']) {
      const r = await t.request('GET', `/api/exports/${file}`, { token: admin });
      expect([file, r.status]).toEqual([file, 200]);
      if (file.includes('.xlsx')) expect(await xmlProblems(r.raw)).toEqual([]);
      else for (const ch of XML_ILLEGAL) expect(r.raw.toString('utf8').includes(ch)).toBe(false);
    }
  });

  it('answers a malformed cookie on the queue dashboard with 401, not 500', async () => {
    for (const cookie of ['cchc_queues_token=%E0%A4%A', 'cchc_queues_token=%', 'a=%zz; cchc_queues_token=%E0%A4%A']) {
      const r = await t.request('GET', '/api/admin/queues', { headers: { cookie } });
      expect([cookie, r.status]).toEqual([cookie, 401]);
      expectOurShape(401, r.body);
    }
  });

  it("answers a URL Fastify cannot decode in the house error shape", async () => {
    const r = await t.request('GET', '/api/reports/%E0%A4%A/2023', { token: admin });
    expect(r.status).toBe(400);
    expectOurShape(400, r.body);
    expect(JSON.stringify(r.body)).not.toContain('FST_ERR');
  });

  it('answers body parser errors (broken JSON, empty JSON, wrong type, too large) in the house error shape', async () => {
    const cases: Array<[string, string, number]> = [
      ['{"values":', 'application/json', 400],
      ['', 'application/json', 400],
      ['values=1', 'application/x-www-form-urlencoded', 415],
      [`{"narrative":{"I":"${'x'.repeat(t.config.bodyLimitBytes)}"}}`, 'application/json', 413],
    ];
    for (const [body, type, status] of cases) {
      const r = await t.request('PUT', `/api/reports/${OWN}/2023`, { token: admin, body, headers: { 'content-type': type } });
      expect([type, body.length, r.status]).toEqual([type, body.length, status]);
      expectOurShape(status, r.body);
      expect(JSON.stringify(r.body)).not.toContain('FST_ERR');
    }
  });

  it('answers a missing static asset with 404, and a page of the app with the app', async () => {
    for (const url of ['/assets/nonexistent.js', '/assets/app.css', '/favicon-missing.png', '/robots.txt']) {
      const r = await t.request('GET', url);
      expect([url, r.status]).toEqual([url, 404]);
      expect(r.raw.toString('utf8')).not.toContain('<!doctype html>');
    }
    expect((await t.request('GET', '/assets/app.js')).status).toBe(200);
    const page = await t.request('GET', '/bao-cao/19870/2023');
    expect(page.status).toBe(200);
    expect(page.raw.toString('utf8')).toContain('<!doctype html>');
  });
});
