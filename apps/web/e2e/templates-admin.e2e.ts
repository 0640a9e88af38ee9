import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { confirmModal, login, newSession, shot } from './support/browser';
import { apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * The administrator's instruments in a real browser, on the two-tier demo (forms 2023.1 and 2025.1,
 * schemes 2023.2 and 2025.1): download 2025.1 as Excel, edit it, upload it — the dry run names each
 * faulty row in Vietnamese, a clean file becomes a draft — preview it as the form, diff it, publish it;
 * then a draft scoring scheme ranks Thành phố Huế's communes beside the scheme in use before it is published.
 */

const h = useAppAndBrowser({ env: { DEMO_TREE: '2025' }, timeoutMs: 300_000 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-admin-'));

/** The spreadsheet row holding `code` in column A of the rows sheet. */
function rowOf(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((r) => {
    if (r.getCell(1).value === code) found = r;
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

/** Picks an option of the antd Select `testid`, then waits until its dropdown has gone (the next one opens clean). */
async function pick(page: Page, testid: string, option: string) {
  await page.getByTestId(testid).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  for (let i = 0; i < 50 && (await page.locator('.ant-select-dropdown:visible').count()) > 0; i++) await page.waitForTimeout(100);
}

async function uploadFile(page: Page, file: string, version: string) {
  await page.getByTestId('upload-version').fill(version);
  await page.getByTestId('template-upload').locator('input[type=file]').setInputFiles(file);
  const sent = page.waitForRequest((r) => r.url().includes('/api/templates/xlsx') && r.method() === 'POST');
  await page.getByTestId('upload-check').click();
  // The screen uploads as a browser form does: the workbook as a multipart/form-data part.
  expect((await sent).headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  await page.getByTestId('upload-result').waitFor();
}

test('an administrator downloads a form, uploads it edited (dry run first), previews, diffs and publishes it; previews a draft scheme on the ranking', async () => {
  const admin = await apiToken(h.app.baseUrl, 'admin');
  const { page, problems } = await newSession(h.browser, h.app.baseUrl);
  await login(page, 'admin');
  await page.getByTestId('nav-adminTemplates').click();
  await page.getByTestId('template-row-2025.1').waitFor();
  expect(await page.getByTestId('template-row-2025.1').innerText()).toContain('Đã ban hành');
  expect(await page.getByTestId('template-row-2023.1').innerText()).toContain('Đã ban hành');
  await shot(page, 'templates-admin-01-versions');

  // --- Download 2025.1 as the appendix-layout workbook.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-2025.1').click()]);
  expect(dl.suggestedFilename()).toBe('bieu-mau-2025.1.xlsx');
  const downloaded = path.join(dir, 'bieu-mau-2025.1.xlsx');
  await dl.saveAs(downloaded);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(downloaded);
  const rows = wb.getWorksheet('Chỉ tiêu')!;
  expect((rows.getRow(2).values as unknown[]).slice(1, 9)).toEqual(['Mã/STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kiểu dữ liệu', 'Cấp báo cáo', 'Cách tổng hợp', 'Bắt buộc', 'Ghi chú']);

  // --- An edit with mistakes: the dry run lists them by sheet and row, in Vietnamese, and writes nothing.
  rowOf(rows, '1.1.2').getCell(1).value = '1.1.1';
  rowOf(rows, '1.3.1').getCell(5).value = 'Xã, Thôn';
  const broken = path.join(dir, 'broken.xlsx');
  await wb.xlsx.writeFile(broken);
  await uploadFile(page, broken, '2026.1');
  const issues = page.getByTestId('upload-issues');
  await issues.getByText(/mã trùng với dòng/).waitFor();
  expect(await issues.innerText()).toContain('cấp báo cáo "Thôn" không tồn tại');
  expect(await page.getByTestId('upload-create').count()).toBe(0);
  await issues.scrollIntoViewIfNeeded();
  await shot(page, 'templates-admin-02-dry-run-errors');
  expect((await apiJson<Array<{ version: string }>>(h.app.baseUrl, 'GET', '/api/templates', admin)).map((v) => v.version)).not.toContain('2026.1');

  // --- The corrected file: a new row 7.9 and a retitled 1.1.1; checked, then created as a draft.
  const fixed = new ExcelJS.Workbook();
  await fixed.xlsx.readFile(downloaded);
  const fr = fixed.getWorksheet('Chỉ tiêu')!;
  rowOf(fr, '1.1.1').getCell(2).value = 'Số nhiệm vụ CCHC trong kế hoạch năm (đã sửa tên)';
  fr.addRow(['7.9', 'Số hệ thống thông tin mới đưa vào sử dụng', 'Hệ thống', 'Số đếm', 'Xã, Tỉnh', 'Tổng', null, null, '7']);
  const good = path.join(dir, 'good.xlsx');
  await fixed.xlsx.writeFile(good);
  await uploadFile(page, good, '2026.1');
  await page.getByTestId('upload-result').getByText('Tệp hợp lệ: phiên bản 2026.1').waitFor();
  await shot(page, 'templates-admin-03-dry-run-ok');
  await page.getByTestId('upload-create').click();
  await page.getByTestId('template-row-2026.1').getByText('Đang soạn').waitFor();
  expect(await page.getByTestId('upload-version').inputValue()).toBe('');

  // --- The diff against the newest published version opens by itself: 7.9 added, 1.1.1 retitled.
  const diff = page.getByTestId('template-diff');
  await diff.getByTestId('diff-added').getByText('7.9 — Số hệ thống thông tin mới đưa vào sử dụng').waitFor();
  expect(await diff.getByTestId('diff-changed').innerText()).toContain('title: Số nhiệm vụ đề ra trong kế hoạch → Số nhiệm vụ CCHC trong kế hoạch năm (đã sửa tên)');
  await page.getByTestId('diff-card').scrollIntoViewIfNeeded();
  await shot(page, 'templates-admin-04-diff-new-draft');

  // --- The two-tier form against 2023.1: the district rows it removed.
  await pick(page, 'diff-from', '2023.1 —');
  await pick(page, 'diff-to', '2025.1 —');
  await diff.getByTestId('diff-removed').getByText('4.1.1 — Số cơ quan chuyên môn cấp huyện').waitFor();
  expect(await diff.getByTestId('diff-changed').innerText()).toContain('levels: district, province → province');
  await diff.getByTestId('diff-removed').scrollIntoViewIfNeeded();
  await shot(page, 'templates-admin-05-diff-two-tier');

  // --- Preview the draft as the form: the commune's, with the new row, and the checks running on what is typed.
  await page.getByTestId('preview-2026.1').click();
  const preview = page.getByTestId('template-preview');
  await preview.waitFor();
  await preview.getByTestId('group-7').click();
  await preview.getByTestId('row-7.9').waitFor();
  await preview.getByTestId('value-1.1.1').fill('3');
  await preview.getByTestId('value-1.1.2').fill('5');
  await preview.getByTestId('finding-1.1.2').first().waitFor();
  // Rows left blank in the preview raise nothing: only what was typed is checked.
  expect(await preview.getByTestId('finding-1.1.3').count()).toBe(0);
  await shot(page, 'templates-admin-06-preview-form');
  await page.locator('.ant-drawer-close').click();
  await preview.waitFor({ state: 'detached' });

  // --- Publish with a confirmation.
  await page.getByTestId('publish-2026.1').click();
  await page.locator('.ant-modal-confirm-title', { hasText: 'Ban hành biểu mẫu 2026.1?' }).waitFor();
  await shot(page, 'templates-admin-07-publish-confirm');
  await confirmModal(page, 'Ban hành');
  await page.getByTestId('template-row-2026.1').getByText('Đã ban hành').waitFor();

  // --- A draft scheme (online services weigh more, on-time commune cases less), previewed on Huế's 2025 ranking.
  type Scheme = { version: string; templateVersion: string; title?: string; domains: Array<{ code: string; criteria: Array<{ code: string; maxPoints: number }> }> };
  const base = await apiJson<Scheme>(h.app.baseUrl, 'GET', '/api/scoring-schemes/2025.1', admin);
  const draft: Scheme = {
    ...base,
    version: '2025.2',
    title: 'Chấm điểm 2025 — thử trọng số mới',
    domains: base.domains.map((d) => ({ ...d, criteria: d.criteria.map((c) => ({ ...c, maxPoints: c.code === 'D7.1' ? 20 : c.code === 'D3.5' ? 1 : c.maxPoints })) })),
  };
  await apiJson(h.app.baseUrl, 'POST', '/api/scoring-schemes', admin, draft);
  await page.getByTestId('tab-schemes').click();
  await page.getByTestId('scheme-versions').getByText('2025.2').waitFor();
  await page.getByTestId('preview-period').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('2025', { exact: true }).click();
  for (let i = 0; i < 50 && (await page.locator('.ant-select-dropdown:visible').count()) > 0; i++) await page.waitForTimeout(100);
  await page.getByTestId('preview-unit').fill('46');
  await pick(page, 'preview-scheme', '2025.2 (2025.1)');
  await page.getByTestId('preview-show').click();
  const table = page.getByTestId('preview-table');
  await table.getByText('Hiện hành (2025.1)').waitFor();
  await table.getByText('Theo 2025.2').waitFor();
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(30);
  // Moving weights moves someone.
  expect(await table.locator('[data-testid^="move-"]').count()).toBeGreaterThan(0);
  await table.scrollIntoViewIfNeeded();
  await shot(page, 'templates-admin-08-scheme-preview');

  // The preview stored nothing: the stored ranking still scores with 2025.1.
  expect((await apiJson<{ schemeVersion: string }>(h.app.baseUrl, 'GET', '/api/rankings/46/2025?scope=communes', admin)).schemeVersion).toBe('2025.1');
  await page.getByTestId('publish-scheme-2025.2').click();
  await confirmModal(page, 'Ban hành');
  await page.getByTestId('scheme-versions').locator('tr', { hasText: '2025.2' }).getByText('Đã ban hành').waitFor();

  expect(problems).toEqual([]);
});
