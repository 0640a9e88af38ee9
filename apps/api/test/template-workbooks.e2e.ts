import ExcelJS from 'exceljs';
import type { Template } from '@cchc/shared';
import { DataSource } from 'typeorm';
import { TemplateVersionRow } from '../src/modules/templates/entities/template-version.entity';
import { formBody, type FormPart } from './support/multipart';
import { createUsers, loadProvince46, PASSWORD } from './support/reports-fixtures';
import { DATABASES, startTestApp, type TestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Issue { sheet: string; row: number | null; code: string | null; field: string; vi: string }
interface UploadResult { dryRun: boolean; ok: boolean; created: boolean; version: string | null; rows: number; rules: number; issues: Issue[] }
interface ErrorBody { error: string; message: string; field?: string; details?: UploadResult }

/**
 * Templates as workbooks in the appendix's layout: download a version, edit it in "Excel" (exceljs here),
 * upload it as next year's draft — a dry run first, which writes nothing — with every fault named by
 * sheet and row in Vietnamese.
 */
describe.each(DATABASES)('template workbooks: XLSX download and upload (%s)', (database) => {
  let t: TestApp;
  let admin: string;
  const versions = async () => (await t.app.get(DataSource).getRepository(TemplateVersionRow).find({ select: ['version'] })).map((r) => r.version).sort();
  const upload = (url: string, body: Buffer, token = admin) => t.request<UploadResult & ErrorBody>('POST', url, { token, body, headers: { 'content-type': XLSX } });
  async function download(version: string): Promise<ExcelJS.Workbook> {
    const res = await t.request('GET', `/api/templates/${version}/xlsx`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toContain(`bieu-mau-${version}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw);
    return wb;
  }
  /** The same upload as a browser's form sends it: the workbook as the "file" part. */
  const uploadForm = async (url: string, parts: FormPart[], token = admin, headers: Record<string, string> = {}) => {
    const form = await formBody(parts);
    return t.request<UploadResult & ErrorBody>('POST', url, { token, body: form.body, headers: { ...form.headers, ...headers } });
  };
  const filePart = (file: Buffer, filename = 'bieu-mau.xlsx', type = XLSX): FormPart => ({ name: 'file', file, filename, type });
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  /** The spreadsheet row of a code on the rows sheet. */
  const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
    let found = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === code) found = n;
    });
    return found;
  };

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined }, { database });
    await loadProvince46(t.app);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['tinh', ['officer', 'reviewer', 'analyst'], '46'],
    ]);
    admin = await t.login('admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("downloads 2023.1 in the appendix's layout: the rows, then the consistency rules on the second sheet", async () => {
    const wb = await download('2023.1');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Quy tắc kiểm tra', 'Thông tin phiên bản', 'Quyết định biên soạn']);
    const rows = wb.worksheets[0];
    expect((rows.getRow(2).values as unknown[]).slice(1, 9)).toEqual(['Mã/STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kiểu dữ liệu', 'Cấp báo cáo', 'Cách tổng hợp', 'Bắt buộc', 'Ghi chú']);
    const r = rows.getRow(rowOf(rows, '4.1.1'));
    expect([r.getCell(2).value, r.getCell(4).value, r.getCell(5).value, r.getCell(6).value]).toEqual(['Số cơ quan chuyên môn cấp huyện', 'Số đếm', 'Huyện, Tỉnh', 'Tổng']);
    expect(wb.worksheets[1].getRow(1).getCell(1).value).toBe('Mã quy tắc');
    expect(wb.worksheets[1].rowCount).toBe(32);
  });

  it('round trip: 2023.1 downloaded and uploaded as 2026.1 is the same document but for its version; the dry run writes nothing', async () => {
    const file = await bytes(await download('2023.1'));
    const before = await versions();
    const dry = await upload('/api/templates/xlsx?dryRun=true&version=2026.1', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, ok: true, created: false, version: '2026.1', rows: 130, rules: 31, issues: [] });
    expect(await versions()).toEqual(before);

    const real = await upload('/api/templates/xlsx?version=2026.1', file);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, ok: true, created: true, version: '2026.1' });
    const list = await t.request<Array<{ version: string; status: string }>>('GET', '/api/templates', { token: admin });
    expect(list.body.find((v) => v.version === '2026.1')?.status).toBe('draft');
    const original = (await t.request<Template>('GET', '/api/templates/2023.1', { token: admin })).body;
    const uploaded = (await t.request<Template>('GET', '/api/templates/2026.1', { token: admin })).body;
    expect(uploaded).toEqual({ ...original, version: '2026.1' });
    const diff = await t.request<{ added: unknown[]; removed: unknown[]; changed: unknown[] }>('GET', '/api/templates/2023.1/diff/2026.1', { token: admin });
    expect([diff.body.added, diff.body.removed, diff.body.changed]).toEqual([[], [], []]);

    // The same version again: the dry run says it exists, the upload is refused, nothing changes.
    const again = await upload('/api/templates/xlsx?dryRun=true&version=2026.1', file);
    expect(again.body.ok).toBe(false);
    expect(again.body.issues[0].vi).toContain('Phiên bản "2026.1" đã có');
    expect((await upload('/api/templates/xlsx?version=2026.1', file)).status).toBe(400);
  });

  it('an edited workbook: an added row and a changed title arrive in the draft', async () => {
    const wb = await download('2023.1');
    const rows = wb.worksheets[0];
    const r = rows.getRow(rowOf(rows, '1.1.1'));
    r.getCell(2).value = 'Số nhiệm vụ CCHC trong kế hoạch năm (đã sửa tên)';
    rows.addRow(['7.9', 'Số hệ thống thông tin mới đưa vào sử dụng', 'Hệ thống', 'Số đếm', 'Xã, Tỉnh', 'Tổng', null, null, '7']);
    wb.worksheets[2].getRow(2).getCell(2).value = '2027.1';
    const res = await upload('/api/templates/xlsx', await bytes(wb));
    expect(res.body).toMatchObject({ ok: true, created: true, version: '2027.1', rows: 131 });
    const diff = await t.request<{ added: Array<{ code: string }>; changed: Array<{ code: string; changes: Array<{ field: string }> }> }>('GET', '/api/templates/2023.1/diff/2027.1', { token: admin });
    expect(diff.body.added.map((a) => a.code)).toEqual(['7.9']);
    expect(diff.body.changed.map((c) => [c.code, c.changes.map((x) => x.field)])).toEqual([['1.1.1', ['title']]]);
    const draft = (await t.request<Template>('GET', '/api/templates/2027.1', { token: admin })).body;
    expect(draft.nodes.find((n) => n.code === '7.9')).toMatchObject({ parent: '7', valueType: 'count', levels: ['commune', 'province'], aggregation: 'sum', depth: 2 });
  });

  it('names every faulty row by sheet and row in Vietnamese; neither the dry run nor the upload writes', async () => {
    const wb = await download('2023.1');
    const rows = wb.worksheets[0];
    const at = (code: string) => rows.getRow(rowOf(rows, code));
    const dup = rowOf(rows, '1.1.2');
    at('1.1.2').getCell(1).value = '1.1.1'; // duplicate code
    at('1.2.1').getCell(9).value = '9.9'; // missing parent
    at('2').getCell(9).value = '2.1'; // cycle
    at('1.3.2').getCell(4).value = 'Chọn phương án'; // options missing
    at('3.5.3').getCell(13).value = 150; // impossible percent bound
    at('1.3.1').getCell(5).value = 'Xã, Thôn'; // unknown level
    const before = await versions();
    const dry = await upload('/api/templates/xlsx?dryRun=true&version=2028.1', await bytes(wb));
    expect(dry.status).toBe(200);
    expect(dry.body.ok).toBe(false);
    const find = (code: string, re: RegExp) => dry.body.issues.find((i) => i.code === code && re.test(i.vi));
    expect(find('1.1.1', /mã trùng/)).toMatchObject({ sheet: 'Chỉ tiêu', row: dup });
    expect(find('1.1.1', /mã trùng/)!.vi).toMatch(new RegExp(`^Trang "Chỉ tiêu", dòng ${dup} \\(mã 1\\.1\\.1\\): `));
    expect(find('1.2.1', /chỉ tiêu cha "9\.9" không có trong biểu mẫu/)).toMatchObject({ row: rowOf(rows, '1.2.1') });
    expect(find('2', /vòng lặp chỉ tiêu cha/)).toBeDefined();
    expect(find('1.3.2', /cần danh sách phương án/)).toBeDefined();
    expect(find('3.5.3', /tỷ lệ % phải nằm trong 0–100/)).toBeDefined();
    expect(find('1.3.1', /cấp báo cáo "Thôn" không tồn tại/)).toBeDefined();
    // The rule on the renamed-away 1.1.2 now names a code the form does not have.
    expect(dry.body.issues.find((i) => i.sheet === 'Quy tắc kiểm tra' && /chỉ tiêu "1\.1\.2" không có trong biểu mẫu/.test(i.vi))).toMatchObject({ row: 2 });

    const real = await upload('/api/templates/xlsx?version=2028.1', await bytes(wb));
    expect(real.status).toBe(400);
    expect(real.body.error).toBe('template_invalid');
    expect(real.body.message).toMatch(/^Biểu mẫu có \d+ lỗi; chưa tạo bản nháp\./);
    expect(real.body.details!.issues.length).toBe(dry.body.issues.length);
    expect(await versions()).toEqual(before);
  });

  it('refuses what is not a template workbook, and files over the import limits', async () => {
    const notZip = await upload('/api/templates/xlsx?dryRun=true', Buffer.from('Mã/STT;Chỉ tiêu\n1;A\n'));
    expect([notZip.status, notZip.body.field]).toEqual([400, 'file']);
    expect(notZip.body.message).toMatch(/^Không đọc được tệp/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Trang 1').addRow(['Bảng khác']);
    const other = await upload('/api/templates/xlsx?dryRun=true&version=2029.1', await bytes(empty));
    expect(other.body.issues[0].vi).toMatch(/^Trang "Chỉ tiêu": không tìm thấy dòng tiêu đề cột có "Mã\/STT"/);
    const big = await t.request<ErrorBody>('POST', '/api/templates/xlsx?dryRun=true', {
      token: admin,
      body: Buffer.alloc(16),
      headers: { 'content-type': XLSX, 'content-length': String(t.config.imports.maxBytes + 1) },
    });
    expect(big.status).toBe(413);
    expect((await upload('/api/templates/xlsx?dryRun=true&version=bad version', Buffer.alloc(4))).status).toBe(400);
  });

  it('takes the workbook as a multipart/form-data form too: the same checks, limits and Vietnamese errors; a refused form saves nothing', async () => {
    const file = await bytes(await download('2023.1'));
    const before = await versions();
    // A browser's form: a field before the file part is ignored; the version comes from the query as for the raw body.
    const dry = await uploadForm('/api/templates/xlsx?dryRun=true&version=2031.1', [{ name: 'note', value: 'từ trình duyệt' }, filePart(file)]);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, ok: true, created: false, version: '2031.1', rows: 130, rules: 31, issues: [] });
    expect(await versions()).toEqual(before);

    // Refused forms, each a clear 4xx naming the file, and nothing saved.
    const notXlsx = await uploadForm('/api/templates/xlsx?version=2031.1', [filePart(Buffer.from('Mã/STT;Chỉ tiêu\n1;A\n'), 'bieu-mau.csv', 'text/csv')]);
    expect([notXlsx.status, notXlsx.body.field]).toEqual([400, 'file']);
    expect(notXlsx.body.message).toMatch(/^Không đọc được tệp: tệp không phải XLSX hợp lệ/);
    const max = t.config.imports.maxBytes;
    const oversized = await uploadForm('/api/templates/xlsx?version=2031.1', [filePart(Buffer.alloc(max + 1, 0x41))]);
    expect([oversized.status, oversized.body.error, oversized.body.field]).toEqual([413, 'import_too_large', 'file']);
    expect(oversized.body.message).toContain(`${Math.round(max / 1_048_576)} MB`);
    // A declared length far past the limit is refused unread.
    const declared = await uploadForm('/api/templates/xlsx?version=2031.1', [filePart(file)], admin, { 'content-length': String(max * 2) });
    expect([declared.status, declared.body.error]).toEqual([413, 'import_too_large']);
    const noFile = await uploadForm('/api/templates/xlsx?version=2031.1', [{ name: 'file', value: 'không phải tệp' }]);
    expect([noFile.status, noFile.body.field]).toEqual([400, 'file']);
    expect(noFile.body.message).toMatch(/^Cần gửi tệp XLSX/);
    const malformed = await t.request<ErrorBody>('POST', '/api/templates/xlsx?version=2031.1', { token: admin, body: Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK'), headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect([malformed.status, malformed.body.field]).toEqual([400, 'file']);
    expect(malformed.body.message).toMatch(/multipart\/form-data/);
    const noBoundary = await t.request<ErrorBody>('POST', '/api/templates/xlsx?version=2031.1', { token: admin, body: file, headers: { 'content-type': 'multipart/form-data' } });
    expect([noBoundary.status, noBoundary.body.field]).toEqual([400, 'file']);
    // A form is for the routes that take a file: the JSON authoring route still refuses it.
    const json = await uploadForm('/api/templates', [filePart(file)]);
    expect([json.status, json.body.error]).toEqual([415, 'unsupported_media_type']);
    expect((await uploadForm('/api/templates/xlsx?dryRun=true', [filePart(file)], await t.login('tinh', PASSWORD))).status).toBe(403);
    expect(await versions()).toEqual(before);

    // The real upload by form creates the draft, the same document as the raw upload would.
    const real = await uploadForm('/api/templates/xlsx?version=2031.1', [filePart(file)]);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, ok: true, created: true, version: '2031.1' });
    const original = (await t.request<Template>('GET', '/api/templates/2023.1', { token: admin })).body;
    expect((await t.request<Template>('GET', '/api/templates/2031.1', { token: admin })).body).toEqual({ ...original, version: '2031.1' });
    expect(await versions()).toEqual([...before, '2031.1'].sort());
  });

  it('is for administrators only', async () => {
    const tinh = await t.login('tinh', PASSWORD);
    expect((await t.request('GET', '/api/templates/2023.1/xlsx', { token: tinh })).status).toBe(403);
    expect((await upload('/api/templates/xlsx?dryRun=true', Buffer.alloc(4), tinh)).status).toBe(403);
    expect((await t.request('GET', '/api/templates/2023.1/xlsx')).status).toBe(401);
  });
});
