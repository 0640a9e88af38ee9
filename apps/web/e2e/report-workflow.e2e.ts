import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMPLATE_2023, parseAppendixText } from '@cchc/shared';
import { DESKTOP, PHONE, confirmModal, login, openGroup, periodSession, shot, summaryCounting } from './support/browser';
import { apiJson, apiToken, settledSummary, useAppAndBrowser } from './support/harness';

/**
 * The whole reporting round in a real browser against the real built app (API + web on MariaDB and
 * Redis, demo data): a commune fills and submits (stopped first by a validation error), the district
 * returns it, the commune fixes and resubmits, the district approves, the district summary and
 * ranking count it, the province downloads the XLSX. Screenshots of each main screen are saved.
 */

const COMMUNE = '19885'; // Xã Quảng Vinh: its demo 2023 report is a draft
const COMMUNE_NAME = 'Xã Quảng Vinh';
const EMPTY_COMMUNE = '19891'; // Xã Quảng Thành: no 2023 report at all
const DISTRICT = '477';
const PERIOD = '2023';

const h = useAppAndBrowser();
const pageProblems: string[] = [];

const api = <T>(path: string, token: string) => apiJson<T>(h.app.baseUrl, 'GET', path, token);
const token = (username: string) => apiToken(h.app.baseUrl, username);
// The demo data lives in 2023.
const session = (viewport = DESKTOP) => periodSession(h.browser, h.app.baseUrl, PERIOD, pageProblems, viewport);

test('a report goes round: fill, blocked, submit, return, fix, resubmit, approve, summary, ranking, export', async () => {
  const reviewerToken = await token(`huyen.${DISTRICT}`);
  type SummaryState = { coverage: { reported: number; expected: number; stale: boolean }; rollup: { requestedSeq: number; doneSeq: number } | null };
  const before = await settledSummary<SummaryState>(h.app.baseUrl, DISTRICT, PERIOD, reviewerToken);
  expect(before.coverage.reported).toBeGreaterThan(0);

  // --- The commune officer fills the report and is stopped by a percentage above 100.
  const officer = await session();
  const page = officer.page;
  await page.goto('/login');
  await shot(page, '01-login');
  // English is one click away, and Vietnamese comes back.
  await page.getByRole('radio', { name: 'EN' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.getByRole('radio', { name: 'VI' }).click();
  await login(page, `xa.${COMMUNE}`);
  await page.getByTestId(`period-${PERIOD}`).getByText('Đang soạn').waitFor();
  await shot(page, '02-home-commune');

  await page.getByTestId(`open-report-${PERIOD}`).click();
  await page.getByTestId('report-form').waitFor();
  await openGroup(page, '3');
  const pct = page.getByTestId('value-3.4.3');
  await pct.fill('130');
  await expect(page.getByTestId('finding-3.4.3').first().textContent()).resolves.toContain('vượt quá 100%');
  await page.getByTestId('row-3.4.3').scrollIntoViewIfNeeded();
  await shot(page, '03-form-error');
  await page.getByTestId('submit-report').click();
  const blockers = page.locator('.ant-modal').filter({ hasText: 'Chưa nộp được' });
  await blockers.waitFor();
  await expect(blockers.textContent()).resolves.toContain('3.4.3');
  await shot(page, '04-form-submit-blocked');
  await blockers.getByRole('button', { name: 'Đóng' }).click();

  // Fixed the Vietnamese way ("95,5"); the draft autosaves it as 95.5.
  await pct.fill('95,5');
  await page.getByTestId('save-state').getByText('Đã lưu nháp').waitFor();
  const officerToken = await token(`xa.${COMMUNE}`);
  const saved = await api<{ values: Record<string, number>; version: number }>(`/api/reports/${COMMUNE}/${PERIOD}`, officerToken);
  expect(saved.values['3.4.3']).toBe(95.5);

  await page.getByRole('tab', { name: 'Văn bản' }).click();
  await page.getByRole('tab', { name: 'III. Đánh giá chung' }).click();
  await page.getByTestId('narrative-intro-III').fill('Năm 2023, xã hoàn thành các nhiệm vụ cải cách hành chính theo kế hoạch.');
  await page.getByTestId('save-state').getByText('Đã lưu nháp').waitFor();
  await page.getByRole('tab', { name: 'Phụ lục số liệu' }).click();
  await shot(page, '05-form');

  await page.getByTestId('submit-report').click();
  await confirmModal(page, 'Nộp báo cáo');
  await page.getByTestId('status-banner').waitFor();
  await page.getByTestId('status-submitted').first().waitFor();

  // --- The district reviewer sees it waiting, reads it and returns it with comments.
  const reviewer = await session();
  const rpage = reviewer.page;
  await login(rpage, `huyen.${DISTRICT}`);
  await rpage.getByTestId('waiting-list').getByText(COMMUNE_NAME).waitFor();
  await shot(rpage, '06-home-district');
  await rpage.goto('/submissions');
  await rpage.getByTestId(`board-row-${COMMUNE}`).waitFor();
  await shot(rpage, '07-submission-board');
  await rpage.getByTestId(`open-${COMMUNE}`).click();
  await rpage.getByTestId('review-page').waitFor();
  await shot(rpage, '08-review');
  await rpage.getByTestId('return-report').click();
  await rpage.getByTestId('return-comment').fill('Đề nghị xã rà soát lại tỷ lệ hồ sơ giải quyết đúng hạn.');
  await rpage.getByRole('button', { name: 'Thêm ý kiến cho chỉ tiêu' }).click();
  await rpage.locator('.ant-modal .ant-select').last().click();
  await rpage.keyboard.type('3.4.3');
  await rpage.keyboard.press('Enter');
  await rpage.getByTestId('return-indicator-comment-0').fill('Tỷ lệ 95,5% chưa khớp với số hồ sơ, đề nghị kiểm tra.');
  await shot(rpage, '09-review-return');
  await rpage.getByTestId('return-confirm').click();
  await rpage.getByTestId('status-returned').first().waitFor();

  // --- The officer sees the comments, fixes the value and resubmits.
  await page.reload();
  await page.getByTestId('returned-banner').getByText('rà soát lại tỷ lệ').waitFor();
  await openGroup(page, '3');
  await page.getByTestId('comment-3.4.3').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '10-form-returned');
  await page.getByTestId('row-3.4.3').scrollIntoViewIfNeeded();
  await shot(page, '10b-form-indicator-comment');
  await page.getByTestId('value-3.4.3').fill('97');
  await page.getByTestId('save-state').getByText('Đã lưu nháp').waitFor();
  await page.getByTestId('submit-report').click();
  await confirmModal(page, 'Nộp báo cáo');
  await page.getByTestId('status-submitted').first().waitFor();

  // --- The reviewer sees what changed since the return and approves.
  await rpage.goto(`/review/${COMMUNE}/${PERIOD}`);
  await rpage.getByTestId('review-changes').getByText('3.4.3').waitFor();
  await rpage.getByTestId('changed-3.4.3').waitFor();
  await shot(rpage, '11-review-resubmitted');
  await rpage.getByRole('button', { name: 'Lịch sử' }).click();
  const history = rpage.getByTestId('history-drawer');
  await history.getByText('Đổi trạng thái').first().waitFor();
  await expect(history.textContent()).resolves.toContain('95,5');
  await shot(rpage, '11b-report-history');
  await rpage.keyboard.press('Escape');
  await rpage.getByTestId('approve-report').click();
  await confirmModal(rpage, 'Duyệt');
  await rpage.getByTestId('status-approved').first().waitFor();

  // --- The district summary counts it (after the rollup job), and the ranking places it.
  const counted = `${before.coverage.reported + 1}/${before.coverage.expected} xã đã được tính`;
  await summaryCounting(rpage, counted);
  await expect(rpage.getByTestId('coverage').textContent()).resolves.not.toContain(COMMUNE_NAME);
  await shot(rpage, '12-district-summary');

  await rpage.goto('/rankings');
  const row = rpage.getByTestId(`rank-row-${COMMUNE}`);
  await row.waitFor();
  const rankCell = await row.locator('xpath=ancestor::tr').locator('td').nth(1).textContent();
  expect(rankCell).toMatch(/^\d+$/);
  await rpage.getByTestId('ranking-chart').locator('.recharts-bar-rectangle').first().waitFor();
  await shot(rpage, '13-district-ranking');
  await rpage.getByTestId(`breakdown-${COMMUNE}`).click();
  await rpage.getByTestId('breakdown-drawer').getByText(COMMUNE_NAME).first().waitFor();
  await shot(rpage, '14-ranking-breakdown');

  // --- The province analyst reads the province summary and rankings and downloads the XLSX.
  const analyst = await session();
  const apage = analyst.page;
  await login(apage, 'tinh.46');
  await shot(apage, '15-home-province');
  await apage.goto('/summary');
  await apage.getByTestId('coverage').waitFor();
  await apage.getByTestId('summary-table').waitFor();
  await shot(apage, '16-province-summary');
  await apage.goto('/rankings');
  await apage.getByTestId('ranking-table').waitFor();
  await shot(apage, '17-province-ranking');
  await apage.goto('/exports');
  const [download] = await Promise.all([apage.waitForEvent('download'), apage.getByTestId('export-xlsx').click()]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  await apage.getByTestId('export-done').waitFor();
  await shot(apage, '18-exports');

  // --- The administrator's periods and users.
  const adminS = await session();
  await login(adminS.page, 'admin');
  await adminS.page.goto('/admin/periods');
  await adminS.page.getByText('Năm 2023').first().waitFor();
  await shot(adminS.page, '19-admin-periods');
  await adminS.page.goto('/admin/users');
  await adminS.page.getByPlaceholder('Tìm theo tên').fill(COMMUNE);
  await adminS.page.getByText(`xa.${COMMUNE}`).first().waitFor();
  await shot(adminS.page, '20-admin-users');

  // --- Phone width: the login, an empty form (columns stacked, nothing wider than the screen), the menu, the board.
  const phone = await session(PHONE);
  await phone.page.goto('/login');
  await shot(phone.page, '21-phone-login');
  await login(phone.page, `xa.${EMPTY_COMMUNE}`);
  await phone.page.goto(`/reports/${EMPTY_COMMUNE}/${PERIOD}`);
  await phone.page.getByTestId('report-form').waitFor();
  await phone.page.getByTestId('value-1.1.1').fill('12');
  await expect(phone.page.getByTestId('value-1.1.1').inputValue()).resolves.toBe('12');
  await shot(phone.page, '22-phone-form');
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await phone.page.getByTestId('nav-menu').click();
  await phone.page.locator('.ant-drawer').getByText('Báo cáo của xã').waitFor();
  await shot(phone.page, '23-phone-menu');
  const phoneReviewer = await session(PHONE);
  await login(phoneReviewer.page, `huyen.${DISTRICT}`);
  await phoneReviewer.page.goto('/submissions');
  await phoneReviewer.page.getByTestId(`board-row-${COMMUNE}`).waitFor();
  await shot(phoneReviewer.page, '24-phone-board');

  expect(pageProblems).toEqual([]);
});

test('two tabs editing one draft: the stale one is told clearly and reloads the latest figures', async () => {
  const commune = '19879'; // Xã Quảng Công: its demo 2023 report was returned, so it is editable
  const a = await session();
  const b = await session();
  for (const s of [a, b]) {
    await login(s.page, `xa.${commune}`);
    await s.page.goto(`/reports/${commune}/${PERIOD}`);
    await s.page.getByTestId('report-form').waitFor();
  }
  await a.page.getByTestId('value-1.1.3').fill('41');
  await a.page.getByTestId('save-state').getByText('Đã lưu nháp').waitFor();

  await b.page.getByTestId('value-1.1.3').fill('7');
  const dialog = b.page.locator('.ant-modal-confirm').filter({ hasText: 'Báo cáo đã được thay đổi ở nơi khác' });
  await dialog.waitFor();
  await shot(b.page, '25-form-conflict');
  await dialog.getByRole('button', { name: 'Tải lại bản mới nhất' }).click();
  await b.page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="value-1.1.3"]')?.value === '41');
  expect(pageProblems).toEqual([]);
});

test('pasting the appendix copied from the Word report fills the form and lists what could not be placed', async () => {
  const seed = fs.readFileSync(path.resolve(__dirname, '../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8');
  const appendix = seed.split('\n').slice(321).join('\n');
  const s = await session();
  await login(s.page, `xa.${EMPTY_COMMUNE}`);
  await s.page.goto(`/reports/${EMPTY_COMMUNE}/${PERIOD}`);
  await s.page.getByTestId('import-open').click();
  await s.page.getByTestId('import-text').fill(appendix);
  const summary = s.page.getByTestId('import-summary');
  await summary.waitFor();
  const placed = Number(/Đặt được (\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
  // Exactly what the shared parser places (the seed's blanks stay blank, not zero).
  const expected = Object.values(parseAppendixText(appendix, TEMPLATE_2023).values).filter((v) => v !== null && v !== undefined).length;
  expect(placed).toBe(expected);
  expect(placed).toBeGreaterThan(60);
  await shot(s.page, '26-import-preview');
  await s.page.getByTestId('import-apply').click();
  await expect(s.page.getByTestId('value-1.1.1').inputValue()).resolves.toBe('29');
  // The seed's own mistake (130 in a % row) shows up beside its field at once.
  await s.page.getByTestId('errors-count').click();
  await s.page.getByTestId('finding-3.4.3').first().waitFor();
  await expect(s.page.getByTestId('finding-3.4.3').first().textContent()).resolves.toContain('130');
  await s.page.getByTestId('save-state').getByText('Đã lưu nháp').waitFor();

  // Typing and leaving at once (inside the autosave delay) still saves.
  await s.page.getByTestId('value-1.1.3').fill('36');
  await s.page.getByTestId('nav-home').click();
  await s.page.getByTestId('home-page').waitFor();
  const officerToken = await token(`xa.${EMPTY_COMMUNE}`);
  let stored: number | undefined;
  for (let i = 0; i < 20 && stored !== 36; i++) {
    stored = (await api<{ values: Record<string, number> }>(`/api/reports/${EMPTY_COMMUNE}/${PERIOD}`, officerToken)).values['1.1.3'];
    if (stored !== 36) await new Promise((r) => setTimeout(r, 250));
  }
  expect(stored).toBe(36);
  expect(pageProblems).toEqual([]);
});

test('the administrator opens a period with the regulation defaults, moves its deadline and creates an account', async () => {
  const s = await session();
  const page = s.page;
  await login(page, 'admin');
  await page.goto('/admin/periods');
  await page.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
  const dialog = page.locator('.ant-modal').filter({ hasText: 'Mở kỳ báo cáo' });
  await dialog.getByPlaceholder('2024Q1').fill('2025Q1');
  // The Ministry's defaults fill in: data 15/12/2024–14/03/2025, due 20/03/2025.
  await expect(dialog.locator('input[placeholder]').nth(1).inputValue()).resolves.toBe('15/12/2024');
  const deadline = dialog.locator('.ant-picker input').nth(2);
  await expect(deadline.inputValue()).resolves.toBe('20/03/2025');
  await deadline.click();
  await deadline.fill('25/03/2025');
  await deadline.press('Enter');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  const row = page.locator('tr', { hasText: '2025Q1' });
  await row.getByText('25/03/2025').waitFor();
  await shot(page, '27-admin-period-opened');

  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const form = page.locator('.ant-modal').filter({ hasText: 'Thêm tài khoản' });
  await form.getByLabel('Tên đăng nhập').fill('xa.19867.phuongnt');
  await form.getByLabel('Họ và tên').fill('Nguyễn Thị Phương');
  // The unit is picked by name or code from the API's search, not typed as a raw code.
  await form.getByLabel('Đơn vị (tên hoặc mã)').fill('19867');
  await page.locator('.ant-select-dropdown').getByText(/\(19867\)/).click();
  await form.getByLabel('Mật khẩu').fill('mat-khau-tam');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await page.getByPlaceholder('Tìm theo tên').fill('phuongnt');
  await page.getByText('Nguyễn Thị Phương').waitFor();

  // The new account works at once.
  const res = await fetch(`${h.app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'xa.19867.phuongnt', password: 'mat-khau-tam' }) });
  expect(res.status).toBe(200);
  expect(pageProblems).toEqual([]);
});
