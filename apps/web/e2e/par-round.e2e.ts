import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, login, newSession, shot } from './support/browser';
import { auditScreens } from './support/axe';
import { apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * The PAR Index round in a real browser, on the 2025 demo (`DEMO_TREE=2025`): Thành phố Huế's round in
 * its finalisation stage with every sheet state. The province's appraiser sees the round's dashboard,
 * a commune's self score, suggestion, evidence and explanation side by side, the results with bands and
 * the chart; then the self-assessment window is reopened (an administrator's extension) and a commune's
 * officer, on a 390 px phone, scores a row, marks one "Không áp dụng", uploads a file and submits.
 */

const PROVINCE = '46';
const h = useAppAndBrowser({ env: { DEMO_TREE: '2025' }, timeoutMs: 300_000 });

type SheetRow = { code: string; allowedScores: number[]; maxPoints: number; notApplicableAllowed: boolean; self: { score: number | null; notApplicable: boolean }; suggestion: { points: number } | null; explainRequested: boolean; explanation: string | null; evidence: unknown[] };
type Sheet = { status: string; rows: SheetRow[] };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The page fits the phone's width: nothing scrolls sideways (the failure names what sticks out). */
async function noHorizontalScroll(page: Page): Promise<void> {
  const wide = await page.evaluate(() => {
    const view = window.innerWidth;
    if (document.documentElement.scrollWidth <= view) return [];
    return Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > view + 1)
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} → ${Math.round(e.getBoundingClientRect().right)}`);
  });
  expect(wide).toEqual([]);
}

test('PAR round: dashboard with every stage, side-by-side appraisal view, results with bands; a commune self-assesses on a phone and submits', async () => {
  const api = <T>(method: string, path: string, token: string, body?: unknown) => apiJson<T>(h.app.baseUrl, method, path, token, body);
  const tinh = await apiToken(h.app.baseUrl, `tinh.${PROVINCE}`);
  const [round] = await api<Array<{ id: number; appraisingUnitCode: string }>>('GET', '/api/par/rounds', tinh);
  expect(round.appraisingUnitCode).toBe(PROVINCE);
  const sheets = await api<Array<{ unitCode: string; unitName: string; status: string }>>('GET', `/api/par/rounds/${round.id}/sheets`, tinh);
  // Every stage of a sheet is in the demo.
  const statuses = new Set(sheets.map((s) => s.status));
  for (const s of ['draft', 'submitted', 'appraised', 'explaining', 'explained', 'reappraised', 'final']) expect([s, statuses.has(s)]).toEqual([s, true]);
  const explained = sheets.find((s) => s.status === 'explained')!;
  const draft = sheets.find((s) => s.status === 'draft')!;

  // --- The appraiser: the dashboard counts every state; the queue opens a sheet side by side.
  const appraiser = await newSession(h.browser, h.app.baseUrl, DESKTOP);
  const a = appraiser.page;
  await login(a, `tinh.${PROVINCE}`);
  await a.goto(`/par/${round.id}`);
  const counts = a.getByTestId('par-status-counts');
  await counts.getByText('Được yêu cầu giải trình:').waitFor();
  for (const label of ['Chưa nộp', 'Đã nộp, chờ thẩm định', 'Được yêu cầu giải trình', 'Đã hoàn thiện']) {
    const text = (await counts.getByText(`${label}:`).textContent()) ?? '';
    expect([label, Number(/(\d+)\s*$/.exec(text)?.[1] ?? 0) > 0]).toEqual([label, true]);
  }
  await a.getByTestId('par-summary-docx').waitFor();
  await shot(a, 'par-01-round-dashboard');

  // The queue by stage: those who explained, then one of them.
  await a.locator('.ant-segmented').getByText(/^Đã giải trình \(\d+\)$/).click();
  await a.getByRole('link', { name: explained.unitName, exact: true }).first().click();
  await a.getByTestId('par-side-by-side').waitFor();
  const table = a.getByTestId('par-side-by-side').locator('.ant-table');
  for (const col of ['Tự chấm', 'Gợi ý từ báo cáo năm', 'Tài liệu kiểm chứng', 'Thẩm định 1', 'Giải trình', 'Thẩm định 2']) await table.getByRole('columnheader', { name: col }).first().waitFor();
  const explainedSheet = await api<Sheet>('GET', `/api/par/rounds/${round.id}/sheets/${explained.unitCode}`, tinh);
  const asked = explainedSheet.rows.find((r) => r.explainRequested && r.explanation)!;
  await table.getByText(asked.explanation!).first().waitFor();
  await shot(a, 'par-02-appraiser-side-by-side');

  // A bonus with the document it rests on (the finalisation window is open for a sheet not yet final).
  const adj = a.getByTestId('par-adjustments');
  await adj.scrollIntoViewIfNeeded();
  await adj.getByLabel('Số điểm').fill('1');
  await adj.getByLabel('Lý do').fill('Mô hình một cửa điện tử được thành phố nhân rộng');
  await adj.getByLabel('Số, ký hiệu văn bản').fill('88/QĐ-UBND');
  await adj.getByLabel('Ngày văn bản').fill('2025-11-20');
  await adj.getByRole('button', { name: 'Thêm' }).click();
  await adj.getByText('Căn cứ: 88/QĐ-UBND ngày 20/11/2025').waitFor();
  await shot(a, 'par-02b-appraiser-bonus-with-evidence');
  const withBonus = await api<{ adjustments: Array<{ reason: string; documents: Array<{ number: string; date: string }> }> }>('GET', `/api/par/rounds/${round.id}/sheets/${explained.unitCode}`, tinh);
  expect(withBonus.adjustments.find((x) => x.reason === 'Mô hình một cửa điện tử được thành phố nhân rộng')?.documents).toEqual([{ number: '88/QĐ-UBND', date: '2025-11-20' }]);

  // The council's summary downloads as DOCX from the dashboard.
  await a.goto(`/par/${round.id}`);
  const [summary] = await Promise.all([a.waitForEvent('download'), a.getByTestId('par-summary-docx').click()]);
  expect(summary.suggestedFilename()).toMatch(/^bien-ban-tham-dinh-chi-so-cchc-2025-dot-\d+\.docx$/);
  // Survey scores import from a CSV (code, percent); a final sheet's would be refused, so a re-appraised one.
  const reappraised = sheets.find((s) => s.status === 'reappraised')!;
  await a.getByTestId('par-survey-import').waitFor();
  await a.locator('input[type=file]').setInputFiles({ name: 'dieu-tra-xhh.csv', mimeType: 'text/csv', buffer: Buffer.from(`Mã xã,Điểm\n${reappraised.unitCode},77.5\n`) });
  await a.getByText('Đã nhập điểm điều tra xã hội học của 1 xã, phường.').waitFor();
  const surveyed = await api<Array<{ unitCode: string; surveyPercent: number | null }>>('GET', `/api/par/rounds/${round.id}/sheets`, tinh);
  expect(surveyed.find((s) => s.unitCode === reappraised.unitCode)?.surveyPercent).toBe(77.5);
  // The criteria set downloads as the workbook the import reads back.
  const [criteria] = await Promise.all([a.waitForEvent('download'), a.getByTestId('par-criteria-xlsx').click()]);
  expect(criteria.suggestedFilename()).toBe('bo-tieu-chi-demo-hn-5666.xlsx');

  // --- Results (a preview before publication) with bands and the chart.
  await a.getByTestId('par-results-link').click();
  await a.getByTestId('par-results-table').waitFor();
  await a.getByTestId('par-bands').getByText('Chưa công bố (bản xem trước)').waitFor();
  for (const band of ['Tốt ≥ 90', 'Khá ≥ 80', 'Trung bình ≥ 65']) await a.getByTestId('par-bands').getByText(band).waitFor();
  const results = await api<{ units: Array<{ unitCode: string; band: string }> }>('GET', `/api/par/rounds/${round.id}/results`, tinh);
  const top = results.units[0];
  await expect(a.getByTestId(`par-band-${top.unitCode}`).textContent()).resolves.toBe(top.band);
  await a.getByRole('img', { name: 'Biểu đồ chỉ số CCHC theo xã' }).locator('.recharts-bar-rectangle').first().waitFor();
  await shot(a, 'par-03-results-bands');
  expect(appraiser.problems).toEqual([]);

  // --- An administrator's extension reopens the self-assessment (deadlines keep their order).
  const day = 86_400_000;
  const at = (n: number) => new Date(Date.now() + n * day).toISOString();
  await api('PATCH', `/api/par/rounds/${round.id}`, tinh, { self_assessment: at(1), appraisal_1: at(2), explanation: at(3), appraisal_2: at(4), finalisation: at(5) });

  // --- The commune's officer on a phone: a score, "Không áp dụng", a file, save, the rest, submit.
  const officerToken = await apiToken(h.app.baseUrl, `xa.${draft.unitCode}`);
  const before = await api<Sheet>('GET', `/api/par/rounds/${round.id}/sheets/${draft.unitCode}`, officerToken);
  const pickable = before.rows.find((r) => r.self.score === null && !r.self.notApplicable && r.allowedScores.length > 0 && !r.suggestion)!;
  const naRow = before.rows.find((r) => r.notApplicableAllowed && r.code !== pickable.code && !r.suggestion)!;
  const fileRow = before.rows.find((r) => r.code !== pickable.code && r.code !== naRow.code)!;
  expect([pickable, naRow, fileRow].every(Boolean)).toBe(true);

  const officer = await newSession(h.browser, h.app.baseUrl, PHONE);
  const p = officer.page;
  await login(p, `xa.${draft.unitCode}`);
  await p.goto(`/par/${round.id}/sheets/${draft.unitCode}`);
  await p.getByTestId('par-commune-sheet').waitFor();
  await expect(p.getByTestId('par-sheet-status').textContent()).resolves.toBe('Chưa nộp');
  await noHorizontalScroll(p);
  await shot(p, 'par-04-phone-sheet');

  const best = Math.max(...pickable.allowedScores);
  const card = p.getByTestId(`par-row-${pickable.code}`);
  await card.scrollIntoViewIfNeeded();
  await card.locator('.ant-select').click();
  await p.locator('.ant-select-dropdown:visible').getByText(`${best} điểm`, { exact: true }).click();
  await p.getByTestId(`par-na-${naRow.code}`).scrollIntoViewIfNeeded();
  await p.getByTestId(`par-na-${naRow.code}`).click();
  await p.getByTestId('par-save').click();
  await p.getByText('Đã lưu.').first().waitFor();

  const fileCard = p.getByTestId(`par-row-${fileRow.code}`);
  await fileCard.scrollIntoViewIfNeeded();
  await fileCard.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cchc-2025.pdf', mimeType: 'application/pdf', buffer: PDF });
  await fileCard.getByText('ke-hoach-cchc-2025.pdf').waitFor();
  await noHorizontalScroll(p);
  await shot(p, 'par-05-phone-row-scored-na-file');

  const saved = await api<Sheet>('GET', `/api/par/rounds/${round.id}/sheets/${draft.unitCode}`, officerToken);
  expect(saved.rows.find((r) => r.code === pickable.code)!.self).toMatchObject({ score: best, notApplicable: false });
  expect(saved.rows.find((r) => r.code === naRow.code)!.self).toMatchObject({ score: null, notApplicable: true });
  expect(saved.rows.find((r) => r.code === fileRow.code)!.evidence).toHaveLength(fileRow.evidence.length + 1);

  // The rows this walk did not touch are filled in through the API (a submit needs every row).
  const rest = saved.rows.filter((r) => r.self.score === null && !r.self.notApplicable);
  if (rest.length) {
    await api('PUT', `/api/par/rounds/${round.id}/sheets/${draft.unitCode}`, officerToken, {
      rows: rest.map((r) => (r.suggestion ? { code: r.code, acceptSuggestion: true } : { code: r.code, score: r.allowedScores.length ? Math.max(...r.allowedScores) : r.maxPoints })),
    });
  }
  await p.reload();
  await p.getByTestId('par-submit').click();
  await expect(p.getByTestId('par-sheet-status').getByText('Đã nộp, chờ thẩm định').textContent()).resolves.toBe('Đã nộp, chờ thẩm định');
  await noHorizontalScroll(p);
  await shot(p, 'par-06-phone-submitted');

  // The signed copy: the commune downloads its sheet as DOCX.
  const [sheetDoc] = await Promise.all([p.waitForEvent('download'), p.getByTestId('par-sheet-docx').click()]);
  expect(sheetDoc.suggestedFilename()).toBe(`phieu-tu-danh-gia-2025-${draft.unitCode}.docx`);
  expect((await api<Sheet>('GET', `/api/par/rounds/${round.id}/sheets/${draft.unitCode}`, officerToken)).status).toBe('submitted');
  expect(officer.problems).toEqual([]);
});

test("a criteria set from Excel on the PAR screen: the check names each faulty row in Vietnamese and saves nothing; a clean file is checked, then saved as a draft", async () => {
  const tinh = await apiToken(h.app.baseUrl, `tinh.${PROVINCE}`);
  const [current] = await apiJson<Array<{ version: string; status: string }>>(h.app.baseUrl, 'GET', '/api/par/criteria-sets', tinh);
  const res = await fetch(`${h.app.baseUrl}/api/par/criteria-sets/${current.version}/criteria.xlsx`, { headers: { authorization: `Bearer ${tinh}` } });
  expect(res.status).toBe(200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'par-criteria-'));
  const good = path.join(dir, 'good.xlsx');
  fs.writeFileSync(good, Buffer.from(await res.arrayBuffer()));
  // Two sub-criteria broken: max points in words, a scoring the set does not know.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(good);
  const ws = wb.getWorksheet('Bộ tiêu chí')!;
  const subRows: number[] = [];
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === 'Tiêu chí thành phần') subRows.push(n);
  });
  const [first, second] = subRows;
  ws.getRow(first).getCell(4).value = 'hai';
  ws.getRow(second).getCell(5).value = 'Chấm bừa';
  const broken = path.join(dir, 'broken.xlsx');
  await wb.xlsx.writeFile(broken);

  const { page, problems } = await newSession(h.browser, h.app.baseUrl, DESKTOP);
  await login(page, `tinh.${PROVINCE}`);
  await page.goto('/par');
  await page.getByTestId(`par-criteria-row-${current.version}`).waitFor();
  const check = async (file: string) => {
    await page.getByTestId('par-criteria-upload').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('par-criteria-check').click();
    await page.getByTestId('par-criteria-result').waitFor();
  };
  await page.getByTestId('par-criteria-version').fill('hue-2026');
  await check(broken);
  const faults = page.getByTestId('par-criteria-problems');
  await faults.waitFor();
  const text = await faults.innerText();
  expect(text).toContain(`Dòng ${first}: điểm tối đa phải là số`);
  expect(text).toContain('Điểm tối đa');
  expect(text).toContain('Cách chấm');
  expect(await faults.locator('tbody tr').count()).toBe(2);
  expect(await page.getByTestId('par-criteria-save').count()).toBe(0);
  await faults.scrollIntoViewIfNeeded();
  await shot(page, 'par-criteria-upload-errors');
  const listed = async () => (await apiJson<Array<{ version: string; status: string }>>(h.app.baseUrl, 'GET', '/api/par/criteria-sets', tinh)).map((x) => [x.version, x.status]);
  expect((await listed()).map(([v]) => v)).not.toContain('hue-2026');

  // The file as downloaded: checked (its summary, still nothing saved), then saved as a draft.
  await check(good);
  await page.getByTestId('par-criteria-result').getByText(/^Tệp hợp lệ: bộ tiêu chí .* \(phiên bản hue-2026\), 8 lĩnh vực/).waitFor();
  expect((await listed()).map(([v]) => v)).not.toContain('hue-2026');
  await shot(page, 'par-criteria-upload-checked');
  await page.getByTestId('par-criteria-save').click();
  await page.getByTestId('par-criteria-row-hue-2026').waitFor();
  expect(await page.getByTestId('par-criteria-row-hue-2026').getAttribute('data-status')).toBe('draft');
  expect(await listed()).toContainEqual(['hue-2026', 'draft']);
  expect(await page.getByTestId('par-criteria-version').inputValue()).toBe('');
  await shot(page, 'par-criteria-upload-saved');
  // The faulty workbook's check answers 400 by the import's contract, which Chromium logs once; nothing else may be.
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  expect(problems.filter((p) => p.includes('status of 400'))).toHaveLength(1);
});

test('PAR screens: no critical or serious axe-core violation, one h1 and a main landmark (2025 demo)', async () => {
  const tinh = await apiToken(h.app.baseUrl, `tinh.${PROVINCE}`);
  const [round] = await apiJson<Array<{ id: number }>>(h.app.baseUrl, 'GET', '/api/par/rounds', tinh);
  const sheets = await apiJson<Array<{ unitCode: string; status: string }>>(h.app.baseUrl, 'GET', `/api/par/rounds/${round.id}/sheets`, tinh);
  const explained = sheets.find((s) => s.status === 'explained')!;
  const r = await auditScreens(h.browser, h.app.baseUrl, '2026', '2025', [
    { who: `tinh.${PROVINCE}`, name: 'par-rounds', path: '/par' },
    { who: `tinh.${PROVINCE}`, name: 'par-dashboard', path: `/par/${round.id}` },
    { who: `tinh.${PROVINCE}`, name: 'par-side-by-side', path: `/par/${round.id}/sheets/${explained.unitCode}` },
    { who: `tinh.${PROVINCE}`, name: 'par-results', path: `/par/${round.id}/results` },
    { who: `xa.${explained.unitCode}`, name: 'par-commune-sheet', path: `/par/${round.id}/sheets/${explained.unitCode}` },
  ]);
  expect(r.findings).toEqual([]);
  expect(r.structure).toEqual([]);
  expect(r.problems).toEqual([]);
}, 300_000);
