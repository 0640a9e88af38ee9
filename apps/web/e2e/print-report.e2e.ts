import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { login, newSession, shot, SCREENSHOT_DIR } from './support/browser';
import { useAppAndBrowser } from './support/harness';

/**
 * The report as the official document in a real browser: the print view of Quảng Thọ's 2023
 * report laid out like the DOCX (header, sections, signature, the appendix on its own page with
 * Vietnamese numbers), printed to PDF by Chromium, and the DOCX downloaded from the report page.
 */

const COMMUNE = '19894'; // Xã Quảng Thọ: the real 2023 report
const DISTRICT = '477';
const PERIOD = '2023';

const h = useAppAndBrowser();

async function session() {
  const s = await newSession(h.browser, h.app.baseUrl);
  await s.context.addInitScript((p) => {
    localStorage.setItem('cchc.period', p);
    // Headless Chromium has no print dialog: count the calls instead.
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += 1;
    };
  }, PERIOD);
  return s;
}

const cellOf = (page: Page, code: string) => page.locator(`[data-testid="print-appendix"] tr[data-code="${code}"] td.num:not(.previous)`);

test("the commune's print view: the DOCX's layout, the appendix as entered, a PDF of at least two pages", async () => {
  const { page, problems, context } = await session();
  await login(page, `xa.${COMMUNE}`);
  await page.goto(`/bao-cao/${COMMUNE}/${PERIOD}/in`);
  const doc = page.getByTestId('print-doc');
  await doc.waitFor();
  await page.waitForFunction(() => (window as unknown as { __printed: number }).__printed > 0);

  const text = await doc.innerText();
  for (const line of ['UBND HUYỆN QUẢNG ĐIỀN', 'UBND XÃ QUẢNG THỌ', 'Số: 232/BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Quảng Thọ, ngày 06 tháng 12 năm 2023', 'BÁO CÁO', 'Kính gửi:', '- Ủy ban nhân dân huyện Quảng Điền;', 'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN', 'Trần Kim', 'Phụ lục']) {
    expect(text).toContain(line);
  }
  expect(text).toMatch(/I\. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH/);
  expect(text).toContain('1.1. Đổi mới và nâng cao chất lượng công tác xây dựng văn bản quy phạm pháp luật (VB QPPL)');
  expect(text).toContain('(Kèm theo Báo cáo số 232/BC-UBND ngày 06/12/2023 của UBND xã Quảng Thọ)');
  // Vietnamese numbers, blanks blank, and a district-only row left out.
  expect(await cellOf(page, '1.4.1').innerText()).toBe('1.714');
  expect(await cellOf(page, '7.8.3').innerText()).toBe('56,1');
  expect(await cellOf(page, '3.4.3').innerText()).toBe('130');
  expect(await cellOf(page, '1.3.3').innerText()).toBe('');
  // Sections come before the appendix, which starts a new printed page.
  expect(text.indexOf('V. ')).toBeLessThan(text.indexOf('Phụ lục'));
  expect(await page.getByTestId('print-appendix').evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');

  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
  await shot(page, 'print-01-commune-header');
  await page.getByTestId('print-appendix').scrollIntoViewIfNeeded();
  await shot(page, 'print-02-commune-appendix');

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(`${SCREENSHOT_DIR}/print-report-${COMMUNE}-${PERIOD}.pdf`, pdf);
  const raw = pdf.toString('latin1');
  expect(raw.startsWith('%PDF')).toBe(true);
  const pages = raw.match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);

test('the report page downloads the DOCX and opens the print view', async () => {
  const { page, problems, context } = await session();
  await login(page, `xa.${COMMUNE}`);
  await page.goto(`/reports/${COMMUNE}/${PERIOD}`);
  await page.getByTestId('report-form').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()]);
  expect(download.suggestedFilename()).toMatch(/^Bao-cao_CCHC_2023_19894_.*\.docx$/);
  const file = fs.readFileSync(await download.path());
  // A DOCX is a zip (PK…) holding word/document.xml.
  expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(file.includes(Buffer.from('word/document.xml'))).toBe(true);

  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('print-report').click()]);
  await popup.getByTestId('print-doc').waitFor();
  expect(popup.url()).toContain(`/bao-cao/${COMMUNE}/${PERIOD}/in`);

  await page.getByRole('tab', { name: 'Văn bản' }).click();
  await page.getByTestId('document-tab').waitFor();
  expect(await page.getByTestId('doc-soKyHieu').inputValue()).toBe('232/BC-UBND');
  await shot(page, 'print-03-document-tab');
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);

test("the district's print view is consolidated: the summary's figures and the coverage line", async () => {
  const { page, context } = await session();
  await login(page, `huyen.${DISTRICT}`);
  await page.goto(`/bao-cao/${DISTRICT}/${PERIOD}/in`);
  await page.getByTestId('print-doc').waitFor();
  await expect(page.getByTestId('print-coverage').innerText()).resolves.toMatch(/^Tổng hợp từ \d+\/11 xã có báo cáo đã duyệt$/);
  expect(await page.getByTestId('print-doc').innerText()).toContain('UBND HUYỆN QUẢNG ĐIỀN');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'print-04-district');
  await context.close();
}, 120_000);
