import { DataSource } from 'typeorm';
import {
  NARRATIVE_SECTION_KEYS,
  TEMPLATE_2023,
  formatVietnameseNumber,
  narrativeSectionTitle,
  parseAppendixText,
  summarize,
} from '@cchc/shared';
import { DEMO_COMMUNE, DEMO_DISTRICT } from '../src/bootstrap/demo-seed.service';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { SummaryCoverage } from '../src/modules/rollups/entities/summary-coverage.entity';
import { Summary, statsFromSummary } from '../src/modules/rollups/entities/summary.entity';
import { readDocxText } from './support/docx-text';
import { startHueDemo } from './support/hue-app';
import type { TestApp } from './support/test-app';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The official DOCX of the demo's real Quảng Thọ 2023 report, and of its district consolidated by the rollup jobs. */
describe('GET /api/exports/report/:unitCode/:period.docx', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startHueDemo(DEMO_DISTRICT);
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('the seed report: its own header, recipients, sections I–V with subsections, signer, and the appendix as entered', async () => {
    const token = await t.login(`xa.${DEMO_COMMUNE}`);
    const res = await t.request('GET', `/api/exports/report/${DEMO_COMMUNE}/2023.docx`, { token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="Bao-cao_CCHC_2023_19894_Xa Quang Tho\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('Bao-cao_CCHC_2023_19894_Xã Quảng Thọ.docx');
    const doc = await readDocxText(res.raw);
    const has = (p: string) => expect(doc.paragraphs).toContain(p);

    for (const p of ['UBND HUYỆN QUẢNG ĐIỀN', 'UBND XÃ QUẢNG THỌ', 'Số: 232/BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Quảng Thọ, ngày 06 tháng 12 năm 2023', 'BÁO CÁO']) has(p);
    has('Kết quả triển khai thực hiện công tác cải cách hành chính năm 2023, phương hướng nhiệm vụ công tác cải cách hành chính năm 2024');
    has('Kính gửi:');
    has('- Ủy ban nhân dân huyện Quảng Điền;');
    has('- Phòng Nội vụ huyện Quảng Điền.');
    expect(doc.paragraphs.some((p) => p.startsWith('Thực hiện Kế hoạch số 203/KH-UBND ngày 28 tháng 12 năm 2022'))).toBe(true);
    for (const key of NARRATIVE_SECTION_KEYS) has(`${key}. ${narrativeSectionTitle(key, 2023)}`);
    for (const sub of ['1. Về kế hoạch cải cách hành chính', '1.1. Đổi mới và nâng cao chất lượng công tác xây dựng văn bản quy phạm pháp luật (VB QPPL)', '6.2. Tình hình áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 trong hoạt động của UBND xã', '2. Những tồn tại, hạn chế trong thực hiện cải cách hành chính']) has(sub);
    has('- Kiến nghị cấp trên hỗ trợ UBND xã triển khai hệ thống thanh toán trực tuyến tại Bộ phận Tiếp nhận và trả kết quả UBND xã.');
    // Section headings come in order, I before II … before V, and all before the appendix.
    const at = NARRATIVE_SECTION_KEYS.map((k) => doc.paragraphs.indexOf(`${k}. ${narrativeSectionTitle(k, 2023)}`));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(at[4]).toBeLessThan(doc.paragraphs.indexOf('Phụ lục'));

    const closing = doc.tables.find((tb) => tb[0]?.[0]?.startsWith('Nơi nhận:'));
    expect(closing?.[0][0]).toBe('Nơi nhận: - Như trên; - Ban TV Đảng ủy xã; - TT HĐND xã; - CT, các PCT UBND xã; - Trang TTĐT xã; - Lưu: VT.');
    expect(closing?.[0][1]).toBe('TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trần Kim');
    has('(Kèm theo Báo cáo số 232/BC-UBND ngày 06/12/2023 của UBND xã Quảng Thọ)');

    const appendix = doc.tables[doc.tables.length - 1];
    const cell = (code: string) => appendix.find((r) => r[0] === `${code}.`)?.[3];
    expect(cell('1.4.1')).toBe('1.714');
    expect(cell('7.8.3')).toBe('56,1');
    expect(cell('3.4.3')).toBe('130');
    expect(cell('1.3.3')).toBe('');

    // The appendix taken back through the shared parser gives the stored report.
    const report = await ds.getRepository(Report).findOneOrFail({ where: { unitCode: DEMO_COMMUNE, periodId: '2023' } });
    const stored = await ds.getRepository(ReportValue).find({ where: { reportId: report.id } });
    const storedValues = Object.fromEntries(stored.filter((v) => v.value !== null).map((v) => [v.indicatorCode, v.value]));
    const parsed = parseAppendixText(doc.text.slice(doc.text.indexOf('Phụ lục')), TEMPLATE_2023);
    expect(parsed.problems).toEqual([]);
    expect(Object.fromEntries(Object.entries(parsed.values).filter(([, v]) => v !== null))).toEqual(storedValues);
    expect(Object.keys(storedValues).length).toBeGreaterThan(50);
    const storedNotes = Object.fromEntries(stored.filter((v) => v.note).map((v) => [v.indicatorCode, v.note]));
    expect(parsed.notes).toEqual(storedNotes);
  });

  it("a district's DOCX: consolidated figures from its summary, the coverage line, its own header and empty headings", async () => {
    const token = await t.login(`huyen.${DEMO_DISTRICT}`);
    const res = await t.request('GET', `/api/exports/report/${DEMO_DISTRICT}/2023.docx`, { token });
    expect(res.status).toBe(200);
    const doc = await readDocxText(res.raw);
    const coverage = await ds.getRepository(SummaryCoverage).findOneOrFail({ where: { unitCode: DEMO_DISTRICT, periodId: '2023' } });
    expect(coverage.reported).toBeGreaterThan(0);
    expect(doc.paragraphs).toContain(`Tổng hợp từ ${coverage.reported}/${coverage.expected} xã có báo cáo đã duyệt`);
    expect(coverage.expected).toBe(11);
    expect(doc.tables[0][0][0]).toBe('UBND TỈNH THỪA THIÊN HUẾ UBND HUYỆN QUẢNG ĐIỀN Số:      /BC-UBND');
    expect(doc.paragraphs).toContain('- Ủy ban nhân dân tỉnh Thừa Thiên Huế;');
    for (const key of NARRATIVE_SECTION_KEYS) expect(doc.paragraphs).toContain(`${key}. ${narrativeSectionTitle(key, 2023)}`);

    const row = await ds.getRepository(Summary).findOneOrFail({ where: { unitCode: DEMO_DISTRICT, periodId: '2023', indicatorCode: '1.1.1' } });
    const node = TEMPLATE_2023.nodes.find((n) => n.code === '1.1.1')!;
    const headline = summarize(node, statsFromSummary(row)).headline;
    expect(headline).toBeGreaterThan(0);
    const appendix = doc.tables[doc.tables.length - 1];
    expect(appendix.find((r) => r[0] === '1.1.1.')?.[3]).toBe(formatVietnameseNumber(headline, 2));
  });

  it('the same access checks as the .xlsx: others’ units refused, unknown units 404, no token 401, unknown period 404', async () => {
    const commune = await t.login(`xa.${DEMO_COMMUNE}`);
    const other = await t.request('GET', '/api/exports/report/19867/2023.docx', { token: commune });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ statusCode: 403 });
    const up = await t.request('GET', `/api/exports/report/${DEMO_DISTRICT}/2023.docx`, { token: commune });
    expect(up.status).toBe(403);
    expect((await t.request('GET', '/api/exports/report/99999/2023.docx', { token: commune })).status).toBe(404);
    expect((await t.request('GET', `/api/exports/report/${DEMO_COMMUNE}/2023.docx`)).status).toBe(401);
    const noPeriod = await t.request<{ message: string }>('GET', `/api/exports/report/${DEMO_COMMUNE}/2031.docx`, { token: commune });
    expect(noPeriod.status).toBe(404);
    // A commune with no report for an open period: 404 with a Vietnamese reason, not an empty document.
    const province = await t.login('tinh.46');
    const missing = await t.request<{ message: string; field: string }>('GET', '/api/exports/report/19891/2023.docx', { token: province });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/chưa có báo cáo/);
  });
});
