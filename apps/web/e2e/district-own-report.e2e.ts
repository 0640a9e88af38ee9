import { formatVietnameseNumber } from '@cchc/shared';
import { login, periodSession, shot } from './support/browser';
import { useAppAndBrowser } from './support/harness';

/**
 * A district files its own report beside its communes' consolidation (issue 15), on the default
 * 2024-tree demo: huyen.477 opens Huyện Quảng Điền's own 2023 form and sees, on each row, the
 * read-only consolidation of its communes as the summary endpoint gives it, with its coverage in
 * the header. A commune's form has no such column.
 */

const DISTRICT = '477';
const COMMUNE = '19894';
const PERIOD = '2023';

interface SummaryBody {
  coverage: { reported: number; expected: number };
  indicators: Array<{ code: string; summary: { count: number; headline: number | null } | null }>;
}

const h = useAppAndBrowser();
const session = () => periodSession(h.browser, h.app.baseUrl, PERIOD, []);

test("the district officer's own form shows the communes' consolidation beside each row, read-only", async () => {
  const { page, problems, context } = await session();
  await login(page, `huyen.${DISTRICT}`);
  // The column's figures are the summary endpoint's: read the very answer the form received.
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/summaries/${DISTRICT}/${PERIOD}`) && r.request().method() === 'GET' && r.status() === 200),
    page.goto(`/reports/${DISTRICT}/${PERIOD}`),
  ]);
  const summary = (await answer.json()) as SummaryBody;
  await page.getByTestId('report-form').waitFor();
  expect(summary.coverage.reported).toBeGreaterThan(0);

  const title = page.getByTestId('children-column-title').first();
  await expect(title.innerText()).resolves.toContain('Tổng hợp cấp dưới');
  await expect(title.innerText()).resolves.toContain(`${summary.coverage.reported}/${summary.coverage.expected} xã được tính`);

  const figure = (code: string) => summary.indicators.find((i) => i.code === code)?.summary;
  for (const code of ['1.1.1', '1.1.2']) {
    const headline = figure(code)?.headline;
    expect(typeof headline).toBe('number');
    const cell = page.getByTestId(`aside-${code}`);
    await expect(cell.innerText()).resolves.toBe(formatVietnameseNumber(headline as number, 2));
    // Read-only: nothing to type into in the children's column.
    expect(await cell.locator('input').count()).toBe(0);
  }
  // The district's own figure is typed beside it.
  await page.locator('[id="input-1.1.1"]').fill('31');
  await page.getByTestId('save-state').filter({ hasText: /Đã lưu/ }).waitFor();
  await page.getByTestId('row-1.1.1').scrollIntoViewIfNeeded();
  await shot(page, 'district-own-report-form');

  // The summary page labels the two figures apart; a draft of the unit's own report is listed, not counted.
  await page.goto('/summary');
  await page.getByTestId('summary-table').waitFor();
  await page.getByTestId('own-column-title').filter({ hasText: 'chưa được tính' }).waitFor();
  const header = await page.getByTestId('summary-table').locator('thead').innerText();
  expect(header).toContain('Tổng hợp từ cấp dưới');
  expect(header).toContain('Số liệu của đơn vị');
  expect(header).toContain('Báo cáo của đơn vị: Đang soạn, chưa được tính');
  await shot(page, 'district-summary-own-column');
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);

test("a commune's form is unchanged: no children's column", async () => {
  const { page, problems, context } = await session();
  await login(page, `xa.${COMMUNE}`);
  await page.goto(`/reports/${COMMUNE}/${PERIOD}`);
  await page.getByTestId('report-form').waitFor();
  await page.getByTestId('row-1.1.1').waitFor();
  expect(await page.getByTestId('children-column-title').count()).toBe(0);
  expect(await page.locator('[data-testid^="aside-"]').count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);
