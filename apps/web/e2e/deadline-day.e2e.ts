import { TEMPLATE_2023, emptyNarrativeSections, evaluateReport, valueNodes, type StructuredNarrative } from '@cchc/shared';
import { login, openGroup, periodSession, shot } from './support/browser';
import { apiCall, apiToken, useAppAndBrowser } from './support/harness';

/**
 * Deadline day in a real browser (built API + web on MariaDB and Redis, demo data): an
 * out-of-range figure is kept in the draft, text that is no number is never lost without a
 * question, and every screen counts errors and warnings the same.
 */

const PERIOD = '2023';
const DRAFT_COMMUNE = '19885'; // Xã Quảng Vinh: demo 2023 report is a draft
const GUARD_COMMUNE = '19891'; // Xã Quảng Thành: no 2023 report yet
const COUNT_COMMUNE = '19879'; // Xã Quảng Công: demo 2023 report was returned (editable)

const h = useAppAndBrowser();
const pageProblems: string[] = [];

interface ReportBody {
  values: Record<string, number>;
  version: number;
  status: string | null;
  errorCount: number;
  warningCount: number;
  narrativeDoc?: StructuredNarrative | null;
}

const token = (username: string) => apiToken(h.app.baseUrl, username);
const call = (method: string, path: string, tok: string, body?: unknown) => apiCall(h.app.baseUrl, method, path, tok, body);

async function report(unit: string, tok: string): Promise<ReportBody> {
  const r = await call('GET', `/api/reports/${unit}/${PERIOD}`, tok);
  expect(r.status).toBe(200);
  return r.json as ReportBody;
}

const session = () => periodSession(h.browser, h.app.baseUrl, PERIOD, pageProblems);

const num = (text: string | null, re: RegExp): number => {
  const m = re.exec(text ?? '');
  if (!m) throw new Error(`"${text}" does not match ${re}`);
  return Number(m[1]);
};

test('130 in a % row is saved in the draft, survives a reload as an error and blocks submission', async () => {
  const s = await session();
  const page = s.page;
  await login(page, `xa.${DRAFT_COMMUNE}`);
  await page.goto(`/reports/${DRAFT_COMMUNE}/${PERIOD}`);
  await page.getByTestId('report-form').waitFor();
  await openGroup(page, '3');
  await page.getByTestId('value-3.4.3').fill('130');
  await page.getByTestId('save-state').getByText('Đã lưu nháp').waitFor();
  const tok = await token(`xa.${DRAFT_COMMUNE}`);
  expect((await report(DRAFT_COMMUNE, tok)).values['3.4.3']).toBe(130);

  await page.reload();
  await page.getByTestId('report-form').waitFor();
  await openGroup(page, '3');
  await expect(page.getByTestId('value-3.4.3').inputValue()).resolves.toBe('130');
  await expect(page.getByTestId('finding-3.4.3').first().textContent()).resolves.toContain('vượt quá 100%');
  await expect(page.getByTestId('unsaved-cells').count()).resolves.toBe(0);
  await shot(page, '40-deadline-130-kept');

  await page.getByTestId('submit-report').click();
  const blockers = page.locator('.ant-modal').filter({ hasText: 'Chưa nộp được' });
  await blockers.waitFor();
  await expect(blockers.textContent()).resolves.toContain('3.4.3');
  // The server says the same: 422 with the finding, and the report stays a draft.
  const submit = await call('POST', `/api/reports/${DRAFT_COMMUNE}/${PERIOD}/submit`, tok, { version: (await report(DRAFT_COMMUNE, tok)).version });
  expect(submit.status).toBe(422);
  expect(JSON.stringify(submit.json)).toContain('3.4.3');
  expect((await report(DRAFT_COMMUNE, tok)).status).toBe('draft');
  expect(pageProblems).toEqual([]);
});

test('leaving with a cell that is not a number asks first: in-app navigation, logout and closing the tab', async () => {
  const s = await session();
  const page = s.page;
  await login(page, `xa.${GUARD_COMMUNE}`);
  await page.goto(`/reports/${GUARD_COMMUNE}/${PERIOD}`);
  await page.getByTestId('report-form').waitFor();
  await page.getByTestId('value-1.1.1').fill('mười hai');
  await page.getByTestId('unsaved-cells').getByText('1 ô không phải là số, chưa được lưu').waitFor();
  await expect(page.getByTestId('finding-1.1.1').first().textContent()).resolves.toContain('không phải là một số');

  // Only a confirm on screen: the one just answered lingers hidden in the DOM while it animates away.
  const ask = page.locator('.ant-modal-confirm:visible').filter({ hasText: 'Rời trang khi còn ô chưa lưu?' });
  await page.getByTestId('nav-home').click();
  await ask.waitFor();
  // The menu reached again while the question is open (under the mask only a script can): still one
  // question, so answering it leaves none on screen.
  await page.getByTestId('nav-home').dispatchEvent('click');
  await shot(page, '41-deadline-leave-asks');
  await ask.getByRole('button', { name: 'Ở lại để sửa' }).click();
  await ask.waitFor({ state: 'hidden' });
  expect(new URL(page.url()).pathname).toBe(`/reports/${GUARD_COMMUNE}/${PERIOD}`);
  await expect(page.getByTestId('value-1.1.1').inputValue()).resolves.toBe('mười hai');

  // The answered confirm animates away before anything else is clicked (its mask would catch the click).
  await page.waitForFunction(() => document.querySelectorAll('.ant-modal-confirm').length === 0);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Ở lại để sửa' }).click();
  await ask.waitFor({ state: 'hidden' });
  await page.getByTestId('report-form').waitFor();
  expect(new URL(page.url()).pathname).toBe(`/reports/${GUARD_COMMUNE}/${PERIOD}`);

  // Closing the tab: the browser's own beforeunload prompt (awaited as the event, however long a loaded machine takes).
  const prompt = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await prompt;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();

  // Confirming leaves, and the text was never sent.
  const s2 = await session();
  await login(s2.page, `xa.${GUARD_COMMUNE}`);
  await s2.page.goto(`/reports/${GUARD_COMMUNE}/${PERIOD}`);
  await s2.page.getByTestId('report-form').waitFor();
  await s2.page.getByTestId('value-1.1.1').fill('abc');
  // The form has counted the text as unsaved before anyone leaves (the guard asks only then).
  await s2.page.getByTestId('unsaved-cells').getByText('1 ô không phải là số, chưa được lưu').waitFor();
  await s2.page.getByTestId('nav-home').click();
  const ask2 = s2.page.locator('.ant-modal-confirm:visible').filter({ hasText: 'Rời trang khi còn ô chưa lưu?' });
  await ask2.getByRole('button', { name: 'Vẫn rời trang' }).click();
  await s2.page.getByTestId('home-page').waitFor();
  await ask2.waitFor({ state: 'hidden' });
  expect(pageProblems).toEqual([]);
});

test('home card, form badge, check tab and submit dialog show the same counts as the API', async () => {
  const tok = await token(`xa.${COUNT_COMMUNE}`);
  const before = await report(COUNT_COMMUNE, tok);
  const required = valueNodes(TEMPLATE_2023, 'commune').find((n) => n.required && before.values[n.code] !== undefined);
  expect(required).toBeDefined();
  // An out-of-range figure and a cleared required value: both errors, both counted everywhere.
  const put = await call('PUT', `/api/reports/${COUNT_COMMUNE}/${PERIOD}`, tok, { values: { '3.4.3': 130, [required!.code]: null }, version: before.version });
  expect(put.status).toBe(200);
  const stored = await report(COUNT_COMMUNE, tok);
  const expected = evaluateReport(TEMPLATE_2023, stored.values, { level: 'commune' });
  expect(stored.errorCount).toBe(expected.errorCount);
  expect(stored.errorCount).toBeGreaterThanOrEqual(2);
  expect(expected.missingRequired).toContain(required!.code);

  const s = await session();
  const page = s.page;
  await login(page, `xa.${COUNT_COMMUNE}`);
  const home = page.getByTestId(`home-counts-${PERIOD}`);
  await home.getByText(/lỗi/).waitFor();
  const homeText = await home.textContent();
  expect(num(homeText, /(\d+) lỗi/)).toBe(stored.errorCount);
  expect(num(homeText, /(\d+) cảnh báo/)).toBe(stored.warningCount);
  expect(num(homeText, /Đã nhập (\d+)\//)).toBe(expected.filled);
  await shot(page, '42-deadline-home-counts');

  await page.getByTestId(`open-report-${PERIOD}`).click();
  await page.getByTestId('report-form').waitFor();
  await page.getByTestId('errors-count').getByText(/lỗi/).waitFor();
  expect(num(await page.getByTestId('errors-count').textContent(), /(\d+) lỗi/)).toBe(stored.errorCount);
  expect(num(await page.getByTestId('warnings-count').textContent(), /(\d+) cảnh báo/)).toBe(stored.warningCount);
  const progress = await page.getByTestId('form-progress').textContent();
  // The narrative's sections count too (the shared emptyNarrativeSections, as the form counts them).
  const written = 5 - emptyNarrativeSections(stored.narrativeDoc ?? undefined).length;
  expect(progress).toBe(`Đã nhập ${expected.filled}/${expected.total} chỉ tiêu · còn ${expected.missingRequired.length} chỉ tiêu bắt buộc · thuyết minh ${written}/5 mục`);

  await page.getByRole('tab', { name: /Kiểm tra/ }).click();
  const tabCounts = await page.getByTestId('finding-list-counts').textContent();
  expect(tabCounts).toBe(`${stored.errorCount} lỗi · ${stored.warningCount} cảnh báo`);
  await shot(page, '43-deadline-check-tab');

  await page.getByTestId('submit-report').click();
  const blockers = page.locator('.ant-modal').filter({ hasText: 'Chưa nộp được' });
  await blockers.waitFor();
  expect(num(await blockers.locator('.ant-modal-title').textContent(), /còn (\d+) lỗi/)).toBe(stored.errorCount);
  if (stored.warningCount > 0) expect(num(await blockers.getByTestId('blocked-warnings').textContent(), /còn (\d+) cảnh báo/)).toBe(stored.warningCount);
  await expect(blockers.textContent()).resolves.toContain(required!.code);
  await shot(page, '44-deadline-submit-dialog');
  expect(pageProblems).toEqual([]);
});
