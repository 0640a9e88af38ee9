import { confirmModal, login, openGroup, periodSession, shot } from './support/browser';
import { apiCall, apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * Reminders and unusual figures in a real browser (built API + web on MariaDB and Redis, demo data):
 * the reviewer's "Nhắc nộp" on the board (once a day, the throttle in plain Vietnamese, the reminder
 * column), the officer's bell and inbox, and the outlier marks and narrative contradictions that the
 * officer sees before submitting and the reviewer sees beside the values.
 */

const PERIOD = '2023';
const DISTRICT = '477';
const REVIEWER = `huyen.${DISTRICT}`;
const MISSING = '19891'; // Xã Quảng Thành: no 2023 report (late, not submitted)
const MISSING_NAME = 'Xã Quảng Thành';
const RETURNED = '19879'; // Xã Quảng Công: its 2023 report was returned, so its officer can edit it
const SEED = '19894'; // Xã Quảng Thọ: the real 2023 report, "trên 63%" in the text, 56,1 in 7.8.3
const APPROVED_PEERS = ['19867', '19873', '19876', '19882', '19888', '19897'];
const CODE = '1.1.3';

const h = useAppAndBrowser();
const problems: string[] = [];
const session = () => periodSession(h.browser, h.app.baseUrl, PERIOD, problems);

interface Tally {
  unitCode: string;
  count: number;
}
interface NoticeList {
  items: Array<{ id: number; kind: string; unitCode: string | null; readAt: string | null }>;
  unread: number;
}

test('the reviewer reminds a late unit once a day and the board shows it; the officer finds it under the bell and in the inbox', async () => {
  const reviewerToken = await apiToken(h.app.baseUrl, REVIEWER);
  const before = await apiJson<Tally[]>(h.app.baseUrl, 'GET', `/api/reminders/${DISTRICT}/${PERIOD}`, reviewerToken);
  const countBefore = before.find((t) => t.unitCode === MISSING)?.count ?? 0;

  const { page } = await session();
  await login(page, REVIEWER);
  await page.goto('/submissions');
  await page.getByTestId(`board-row-${MISSING}`).waitFor();
  const tally = page.getByTestId(`reminders-${MISSING}`);
  await tally.waitFor();
  // Submitted and approved units have nothing to be reminded of.
  expect(await page.getByTestId(`nudge-${SEED}`).count()).toBe(0);

  await page.getByTestId(`nudge-${MISSING}`).click();
  await page.locator('.ant-message').getByText(`Đã nhắc ${MISSING_NAME}`).waitFor();
  const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
  await tally.getByText(`Đã nhắc ${countBefore + 1} lần, lần cuối ${today}`).waitFor();
  await shot(page, 'notices-board-reminders');

  // A second press the same day: the API's 429, said in Vietnamese; nothing is recorded.
  await page.getByTestId(`nudge-${MISSING}`).click();
  await page.locator('.ant-message').getByText(`${MISSING_NAME} đã được nhắc hôm nay. Mỗi đơn vị chỉ được nhắc một lần mỗi ngày`).waitFor();
  const after = await apiJson<Tally[]>(h.app.baseUrl, 'GET', `/api/reminders/${DISTRICT}/${PERIOD}`, reviewerToken);
  expect(after.find((t) => t.unitCode === MISSING)?.count).toBe(countBefore + 1);
  await shot(page, 'notices-board-throttled');

  // The officer: the bell counts the unread notices, the inbox lists them newest first, unread in bold.
  const officer = `xa.${MISSING}`;
  const officerToken = await apiToken(h.app.baseUrl, officer);
  const inbox = await apiJson<NoticeList>(h.app.baseUrl, 'GET', '/api/notices', officerToken);
  const nudge = inbox.items.find((n) => n.kind === 'nudge' && n.unitCode === MISSING)!;
  expect(nudge).toBeDefined();
  expect(inbox.unread).toBeGreaterThanOrEqual(1);

  const o = await session();
  await login(o.page, officer);
  const badge = o.page.getByTestId('notice-bell-count');
  await badge.locator('.ant-badge-count').waitFor();
  expect(await badge.locator('.ant-badge-count').getAttribute('title')).toBe(String(inbox.unread));
  await shot(o.page, 'notices-bell');

  await o.page.getByTestId('notice-bell').click();
  await o.page.getByTestId('notices-page').waitFor();
  const item = o.page.getByTestId(`notice-${nudge.id}`);
  await item.waitFor();
  expect(await item.getAttribute('data-unread')).toBe('true');
  expect(Number(await o.page.getByTestId(`notice-text-${nudge.id}`).locator('strong').evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
  const ids = await o.page.locator('[data-testid^="notice-text-"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-testid')!.slice('notice-text-'.length))));
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
  await shot(o.page, 'notices-inbox');

  // Mark this one read: the bell and the server agree.
  await o.page.getByTestId(`notice-read-${nudge.id}`).click();
  await o.page.locator(`[data-testid="notice-${nudge.id}"][data-unread="false"]`).waitFor();
  expect(await o.page.getByTestId(`notice-text-${nudge.id}`).locator('strong').count()).toBe(0);
  const unreadNow = (await apiJson<{ unread: number }>(h.app.baseUrl, 'GET', '/api/notices/unread-count', officerToken)).unread;
  expect(unreadNow).toBe(inbox.unread - 1);
  if (unreadNow === 0) await badge.locator('.ant-badge-count').waitFor({ state: 'detached' });
  else await o.page.locator(`[data-testid="notice-bell-count"] .ant-badge-count[title="${unreadNow}"]`).waitFor();

  // The notice leads to the unit's report.
  await o.page.getByTestId(`notice-open-${nudge.id}`).click();
  await o.page.getByTestId('report-form').waitFor();
  expect(new URL(o.page.url()).pathname).toBe(`/reports/${MISSING}/${PERIOD}`);

  // The e-mail address and the e-mail choice: a bad address is refused in Vietnamese, a good one kept.
  await o.page.goto('/notices');
  await o.page.getByTestId('prefs-email').fill('khong-phai-thu');
  await o.page.getByTestId('prefs-save').click();
  await o.page.getByText('Địa chỉ thư điện tử không hợp lệ').waitFor();
  await o.page.getByTestId('prefs-email').fill('vanthu.quangthanh@example.gov.vn');
  await o.page.getByTestId('prefs-receive').click();
  await o.page.getByTestId('prefs-save').click();
  await o.page.locator('.ant-message').getByText('Đã lưu cài đặt thông báo.').waitFor();
  const prefs = await apiJson<{ email: string | null; emailNotices: boolean }>(h.app.baseUrl, 'GET', '/api/notices/preferences', officerToken);
  expect(prefs).toMatchObject({ email: 'vanthu.quangthanh@example.gov.vn', emailNotices: false });

  // Mark all read empties the bell.
  if (unreadNow > 0) {
    await o.page.getByTestId('notices-mark-all').click();
    await badge.locator('.ant-badge-count').waitFor({ state: 'detached' });
  }
  expect((await apiJson<{ unread: number }>(h.app.baseUrl, 'GET', '/api/notices/unread-count', officerToken)).unread).toBe(0);
  expect(problems).toEqual([]);
});

test('a figure far from its peers is flagged for the officer before submitting and for the reviewer beside the value; the seed text that says 63% is flagged', async () => {
  const reviewerToken = await apiToken(h.app.baseUrl, REVIEWER);
  const peers: number[] = [];
  for (const code of APPROVED_PEERS) {
    const r = await apiJson<{ status: string; values: Record<string, number> }>(h.app.baseUrl, 'GET', `/api/reports/${code}/${PERIOD}`, reviewerToken);
    expect(r.status).toBe('approved');
    if (typeof r.values[CODE] === 'number') peers.push(r.values[CODE]);
  }
  expect(peers.length).toBeGreaterThanOrEqual(5);
  const highest = Math.max(...peers);
  const outlier = highest * 10 + 100;

  // The officer saves a figure ten times anything its siblings reported.
  const officerToken = await apiToken(h.app.baseUrl, `xa.${RETURNED}`);
  const current = await apiJson<{ version: number }>(h.app.baseUrl, 'GET', `/api/reports/${RETURNED}/${PERIOD}`, officerToken);
  await apiJson(h.app.baseUrl, 'PUT', `/api/reports/${RETURNED}/${PERIOD}`, officerToken, { values: { [CODE]: outlier }, version: current.version });

  const o = await session();
  await login(o.page, `xa.${RETURNED}`);
  await o.page.goto(`/reports/${RETURNED}/${PERIOD}`);
  await o.page.getByTestId('report-form').waitFor();
  const warnings = o.page.getByTestId('quality-warnings');
  await warnings.getByTestId(`quality-outlier-${CODE}`).waitFor();
  expect(await warnings.textContent()).toContain('vẫn nộp được');
  await openGroup(o.page, '1');
  await o.page.getByTestId(`outlier-${CODE}`).waitFor();
  await shot(o.page, 'notices-officer-outlier-warning');

  // Warnings never block: the submit dialog names them, and the report is submitted.
  await o.page.getByTestId('submit-report').click();
  await o.page.locator('.ant-modal-confirm').getByTestId('submit-quality-note').waitFor();
  await confirmModal(o.page, 'Nộp báo cáo');
  await o.page.getByTestId('status-banner').waitFor();
  expect((await apiJson<{ status: string }>(h.app.baseUrl, 'GET', `/api/reports/${RETURNED}/${PERIOD}`, officerToken)).status).toBe('submitted');

  // The reviewer: a mark beside the value, the peers it was compared with in its popover.
  const r = await session();
  await login(r.page, REVIEWER);
  await r.page.goto(`/review/${RETURNED}/${PERIOD}`);
  await r.page.getByTestId('review-page').waitFor();
  await openGroup(r.page, '1');
  const mark = r.page.getByTestId(`outlier-${CODE}`);
  await mark.hover();
  const peersShown = r.page.getByTestId(`outlier-peers-${CODE}`);
  await peersShown.waitFor();
  const peerText = (await peersShown.textContent()) ?? '';
  for (const code of APPROVED_PEERS) expect(peerText).toContain(code);
  // Each sibling by its name, with its code: the names the API gives.
  const quality = await apiJson<{ outliers: Array<{ code: string; kind: string; peers?: Array<{ unitCode: string; unitName?: string }> }> }>(h.app.baseUrl, 'GET', `/api/quality/${RETURNED}/${PERIOD}`, reviewerToken);
  const compared = quality.outliers.find((x) => x.code === CODE && x.kind === 'peers')!.peers!;
  for (const p of compared) {
    expect(p.unitName).toMatch(/^(Xã|Thị trấn|Phường) /);
    expect(await r.page.getByTestId(`outlier-peers-${CODE}-${p.unitCode}`).textContent()).toContain(`${p.unitName} (${p.unitCode})`);
  }
  await shot(r.page, 'notices-reviewer-outlier-marks');

  // The period's "Dữ liệu bất thường" list on the board names it.
  await r.page.goto('/submissions');
  await r.page.getByTestId('unusual-data').getByTestId(`unusual-${RETURNED}-${CODE}`).waitFor();
  await r.page.getByTestId('unusual-data').scrollIntoViewIfNeeded();
  await shot(r.page, 'notices-board-unusual-data');

  // The seed report's text says "trên 63%" where its appendix says 56,1: named by sentence and row.
  await r.page.goto(`/review/${SEED}/${PERIOD}`);
  const contradiction = r.page.getByTestId('narrative-warning-7.8.3');
  await contradiction.waitFor();
  const text = (await contradiction.textContent()) ?? '';
  expect(text).toContain('trên 63%');
  expect(text).toContain('7.8.3');
  expect(await r.page.getByTestId('narrative-warnings').locator('[data-testid^="narrative-warning-"]').count()).toBe(1);
  await shot(r.page, 'notices-reviewer-narrative');
  expect(problems).toEqual([]);
});

test('"Nhắc tất cả" reminds every late unit at once, skipping the ones already reminded today', async () => {
  // Quảng Thành reminded today already (by the first test, or here when this test runs alone).
  const reviewerToken = await apiToken(h.app.baseUrl, REVIEWER);
  expect([200, 429]).toContain((await apiCall(h.app.baseUrl, 'POST', `/api/reminders/${MISSING}/${PERIOD}`, reviewerToken)).status);
  const { page } = await session();
  await login(page, REVIEWER);
  await page.goto('/submissions');
  await page.getByTestId('nudge-all').click();
  await confirmModal(page, 'Nhắc nộp');
  // It is named as skipped.
  await page.locator('.ant-message').getByText(new RegExp(`${MISSING_NAME} \\(đã nhắc hôm nay\\)`)).waitFor();
  expect(problems).toEqual([]);
});

test("the province's reviewer reminds a district of its own report from the province board's reminder column", async () => {
  const token = await apiToken(h.app.baseUrl, 'tinh.46');
  const board = await apiJson<{ rows: Array<{ unitCode: string; unitName: string; ownStatus: string }> }>(h.app.baseUrl, 'GET', `/api/submissions/46/${PERIOD}`, token);
  const target = board.rows.find((r) => r.ownStatus !== 'submitted' && r.ownStatus !== 'approved');
  expect(target).toBeDefined();
  const done = board.rows.find((r) => r.ownStatus === 'submitted' || r.ownStatus === 'approved');
  const { page } = await session();
  await login(page, 'tinh.46');
  await page.goto('/submissions');
  const tally = page.getByTestId(`reminders-${target!.unitCode}`);
  await tally.waitFor();
  // A district whose own report is in has nothing to be reminded of.
  if (done) expect(await page.getByTestId(`nudge-${done.unitCode}`).count()).toBe(0);
  await page.getByTestId(`nudge-${target!.unitCode}`).click();
  await page.locator('.ant-message').getByText(`Đã nhắc ${target!.unitName}`).waitFor();
  await tally.getByText(/^Đã nhắc \d+ lần, lần cuối \d{2}\/\d{2}\/\d{4}$/).waitFor();
  await shot(page, 'notices-province-board-reminders');
  const after = await apiJson<Tally[]>(h.app.baseUrl, 'GET', `/api/reminders/46/${PERIOD}`, token);
  expect(after.find((x) => x.unitCode === target!.unitCode)?.count).toBeGreaterThanOrEqual(1);
  expect(problems).toEqual([]);
});
