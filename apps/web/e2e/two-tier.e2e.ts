import type { Page } from 'playwright-core';
import { DESKTOP, confirmModal, login, periodSession, shot, summaryCounting } from './support/browser';
import { apiJson, apiToken, settledSummary, useAppAndBrowser } from './support/harness';

/**
 * The two-tier present in a real browser, on the demo as `DEMO_TREE=2025 npm start` gives it (both trees,
 * the lineage, Thành phố Huế's 2025–2026 reports): a commune reports straight to the province. The officer
 * of a commune whose 2026 report is a draft submits it; tinh.46 returns it with a comment; the officer
 * fixes and resubmits; tinh.46 approves; the province summary counts it and the ranking places it.
 * Every screen names the reviewing level from the tree ("cấp tỉnh"), never "cấp huyện".
 */

const COMMUNE = '19885'; // Xã Đan Điền: its demo 2026 report is a draft
const COMMUNE_NAME = 'Xã Đan Điền';
const PROVINCE = '46';
const PERIOD = '2026';

const h = useAppAndBrowser({ env: { DEMO_TREE: '2025' }, timeoutMs: 300_000 });
const pageProblems: string[] = [];

const api = <T>(path: string, token: string) => apiJson<T>(h.app.baseUrl, 'GET', path, token);
const token = (username: string) => apiToken(h.app.baseUrl, username);
// The season in progress: each session works on 2026.
const session = () => periodSession(h.browser, h.app.baseUrl, PERIOD, pageProblems, DESKTOP);

/**
 * No screen of the two-tier demo may speak of a district, apart from the template's own indicator titles
 * (4.1.1 "Số cơ quan chuyên môn cấp huyện" is the printed form's wording), so tables and the indicator tree are left out.
 */
async function expectNoDistrict(page: Page) {
  const text = await page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('table, .ant-collapse, [data-testid="report-form"] .plain-tabs__panel').forEach((e) => e.remove());
    return copy.textContent ?? '';
  });
  expect(text.toLowerCase()).not.toContain('huyện');
}

test('two tiers: a commune submits to the province, which returns, then approves; the province summary and ranking count it', async () => {
  const reviewerToken = await token(`tinh.${PROVINCE}`);
  type SummaryState = { coverage: { reported: number; expected: number; stale: boolean }; rollup: { requestedSeq: number; doneSeq: number } | null };
  const before = await settledSummary<SummaryState>(h.app.baseUrl, PROVINCE, PERIOD, reviewerToken);
  expect(before.coverage.expected).toBe(40);
  expect(before.coverage.reported).toBeGreaterThan(0);
  expect((await api<{ status: string }>(`/api/reports/${COMMUNE}/${PERIOD}`, reviewerToken)).status).toBe('draft');

  // --- The commune officer opens the 2026 draft: the groups another level reports belong to the province.
  const officer = await session();
  const page = officer.page;
  await login(page, `xa.${COMMUNE}`);
  await page.getByTestId(`period-${PERIOD}`).getByText('Đang soạn').waitFor();
  await shot(page, 'two-tier-01-home-commune');
  await expectNoDistrict(page);
  await page.getByTestId(`open-report-${PERIOD}`).click();
  await page.getByTestId('report-form').waitFor();
  await expect(page.getByTestId('level-groups-note').textContent()).resolves.toContain('do cấp tỉnh báo cáo');
  await shot(page, 'two-tier-02-form');
  await expectNoDistrict(page);

  await page.getByTestId('submit-report').click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.locator('.ant-modal-confirm-title', { hasText: 'Nộp báo cáo cho cấp tỉnh?' }).waitFor();
  await shot(page, 'two-tier-03-submit-confirm');
  await expectNoDistrict(page);
  await confirmModal(page, 'Nộp báo cáo');
  await page.getByTestId('status-banner').getByText('đang chờ cấp tỉnh thẩm định').waitFor();
  await shot(page, 'two-tier-04-form-submitted');

  // --- The province reviewer sees it waiting on its board of communes and returns it with a comment.
  const reviewer = await session();
  const rpage = reviewer.page;
  await login(rpage, `tinh.${PROVINCE}`);
  await rpage.getByTestId('waiting-list').getByText(COMMUNE_NAME).waitFor();
  // The province files its own report too: the menu names it by the level.
  await rpage.getByTestId('nav-report').getByText('Báo cáo của tỉnh').waitFor();
  await shot(rpage, 'two-tier-05-home-province');
  await expectNoDistrict(rpage);
  await rpage.goto('/submissions');
  await rpage.getByTestId(`board-row-${COMMUNE}`).waitFor();
  await shot(rpage, 'two-tier-06-submission-board');
  await expectNoDistrict(rpage);
  await rpage.getByTestId(`open-${COMMUNE}`).click();
  await rpage.getByTestId('review-page').waitFor();
  await rpage.getByTestId('return-report').click();
  await rpage.getByTestId('return-comment').fill('Đề nghị xã bổ sung số liệu nhóm 1 và rà soát lại chỉ tiêu 1.1.1.');
  await shot(rpage, 'two-tier-07-review-return');
  await rpage.getByTestId('return-confirm').click();
  await rpage.getByTestId('status-returned').first().waitFor();

  // --- The officer reads the comment (from the province), fixes a value and resubmits.
  await page.goto('/');
  await page.getByText(`Báo cáo Năm ${PERIOD} bị cấp tỉnh trả lại`).waitFor();
  await shot(page, 'two-tier-08-home-returned');
  await page.getByTestId(`open-report-${PERIOD}`).click();
  await page.getByTestId('returned-banner').getByText('rà soát lại chỉ tiêu 1.1.1').waitFor();
  await expect(page.getByTestId('returned-banner').textContent()).resolves.toContain('Báo cáo đã bị cấp tỉnh trả lại');
  await shot(page, 'two-tier-09-form-returned');
  await expectNoDistrict(page);
  const value = page.getByTestId('value-1.1.1');
  await value.fill(String(Number((await value.inputValue()) || '0') + 1));
  await page.getByTestId('save-state').getByText('Đã lưu nháp').waitFor();
  await page.getByTestId('submit-report').click();
  await confirmModal(page, 'Nộp báo cáo');
  await page.getByTestId('status-submitted').first().waitFor();

  // --- The province reviewer sees what changed and approves.
  await rpage.goto(`/review/${COMMUNE}/${PERIOD}`);
  await rpage.getByTestId('changed-1.1.1').waitFor();
  await shot(rpage, 'two-tier-10-review-resubmitted');
  await rpage.getByTestId('approve-report').click();
  await confirmModal(rpage, 'Duyệt');
  await rpage.getByTestId('status-approved').first().waitFor();

  // --- The province summary counts one commune more (after the rollup job); the ranking places it.
  const counted = `${before.coverage.reported + 1}/40 xã đã được tính`;
  await summaryCounting(rpage, counted);
  await expect(rpage.getByTestId('coverage').textContent()).resolves.not.toContain(COMMUNE_NAME);
  await rpage.getByTestId('summary-table').waitFor();
  await shot(rpage, 'two-tier-11-province-summary');
  await expectNoDistrict(rpage);

  // Across the merger the comparison names, by code, the rows only the 2023 form had (2026 is on 2025.1).
  await rpage.getByTestId('comparison-period').click();
  await rpage.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^Năm 2023$/ }).click();
  const leftOut = rpage.getByTestId('comparison-left-out');
  await leftOut.getByText(/chỉ tiêu chỉ có trong biểu mẫu 2023\.1 \(Năm 2023\)/).waitFor();
  await expect(leftOut.innerText()).resolves.toMatch(/2023\.1 \(Năm 2023\): .*\b4\.1\.1\b/);

  await rpage.goto('/rankings');
  const row = rpage.getByTestId(`rank-row-${COMMUNE}`);
  await row.waitFor();
  expect(await row.locator('xpath=ancestor::tr').locator('td').nth(1).textContent()).toMatch(/^\d+$/);
  // No "Các huyện" switch: the province's children are its communes.
  expect(await rpage.getByTestId('ranking-scope').count()).toBe(0);
  await shot(rpage, 'two-tier-12-province-ranking');
  await expectNoDistrict(rpage);

  expect(pageProblems).toEqual([]);
  expect(officer.problems.concat(reviewer.problems)).toEqual([]);
});
