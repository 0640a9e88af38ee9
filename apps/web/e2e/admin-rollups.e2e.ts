import { createConnection, type Connection } from 'mysql2/promise';
import { login, newSession, shot } from './support/browser';
import { apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * An administrator sees a summary that cannot be computed — which unit, which period, why — on the
 * home card and the "Tổng hợp bị lỗi" page, fixes the cause and retries it at once. The failure is
 * real: the table the rollup writes scores to is taken away, as a broken migration would.
 */

const DISTRICT = '477';
const COMMUNE = '19870'; // submitted in the demo, waiting for Huyện Quảng Điền's approval
const PERIOD = '2023';
const MYSQL_URL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306';

let db: Connection;
const h = useAppAndBrowser({
  prepare: async (app) => {
    db = await createConnection(`${MYSQL_URL.replace(/\/$/, '')}/${app.dbName}`);
  },
});
afterAll(async () => {
  await db?.end();
});

const api = <T>(path: string, token: string, init: { method?: string; body?: unknown } = {}) => apiJson<T>(h.app.baseUrl, init.method ?? 'GET', path, token, init.body);
const token = (username: string) => apiToken(h.app.baseUrl, username);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('a failing rollup is shown to the administrator with its reason, and retried once fixed', async () => {
  const admin = await token('admin');
  const reviewer = await token(`huyen.${DISTRICT}`);
  type Failure = { unitCode: string; periodId: string; lastError: string };
  // The demo's own rollups run at start-up: start once they are all done and none failed.
  type Health = { info: { queue: { backlog: { rollup: { dirty: number; failed: number } } } } };
  await until(async () => {
    const backlog = ((await (await fetch(`${h.app.baseUrl}/api/health`)).json()) as Health).info.queue.backlog.rollup;
    return backlog.dirty === 0 && backlog.failed === 0;
  }, 'the demo rollups to finish');

  await db.query('RENAME TABLE unit_scores TO unit_scores_away');
  try {
    const report = await api<{ version: number }>(`/api/reports/${COMMUNE}/${PERIOD}`, reviewer);
    await api(`/api/reports/${COMMUNE}/${PERIOD}/approve`, reviewer, { method: 'POST', body: { version: report.version } });
    await until(async () => (await api<Failure[]>('/api/rollups/failures', admin)).some((f) => f.unitCode === DISTRICT), 'the district rollup to fail');
    // Only the district the approval touched fails; the rest of the demo stays computed.
    expect((await api<Failure[]>('/api/rollups/failures', admin)).map((f) => f.unitCode)).toEqual([DISTRICT]);

    const { page, problems } = await newSession(h.browser, h.app.baseUrl);
    await login(page, 'admin');
    const card = page.locator('.ant-card', { hasText: 'Tổng hợp bị lỗi' });
    await card.getByText('Tổng hợp đang lỗi').waitFor();
    expect(Number(await card.locator('.ant-statistic-content-value').innerText())).toBeGreaterThanOrEqual(1);
    await card.getByRole('link', { name: 'Xem' }).click();

    const table = page.getByTestId('admin-rollups');
    const row = table.locator('tr', { hasText: `Huyện Quảng Điền (${DISTRICT})` });
    await row.waitFor();
    expect(await row.innerText()).toContain('Năm 2023');
    expect(await row.innerText()).toContain('unit_scores');
    await shot(page, 'admin-rollup-failures');

    // The district's own summary says its figures are the last ones computed (the database's reason is for administrators).
    const district = await newSession(h.browser, h.app.baseUrl);
    await login(district.page, `huyen.${DISTRICT}`);
    await district.page.goto(`/summary/${DISTRICT}`);
    await district.page.getByTestId('rollup-failing').getByText('Chưa tính lại được số liệu tổng hợp của đơn vị này').waitFor();
    expect(await district.page.getByTestId('rollup-failing').innerText()).not.toContain('unit_scores');
    await shot(district.page, 'summary-rollup-failing');
    await district.context.close();

    // The cause is fixed; the administrator does not wait for the next automatic retry.
    await db.query('RENAME TABLE unit_scores_away TO unit_scores');
    await row.getByRole('button', { name: 'Thử lại ngay' }).click();
    await page.getByText('Đã đưa tổng hợp của Huyện Quảng Điền vào hàng đợi.').waitFor();
    await until(async () => !(await api<Failure[]>('/api/rollups/failures', admin)).some((f) => f.unitCode === DISTRICT), 'the retried rollup to succeed', 30_000);
    await page.reload();
    await table.getByText('Không có tổng hợp nào bị lỗi.').waitFor();
    const summary = await api<{ coverage: { stale: boolean }; rollup: { failures: number } | null }>(`/api/summaries/${DISTRICT}/${PERIOD}`, reviewer);
    expect(summary.rollup?.failures).toBe(0);
    expect(problems).toEqual([]);
  } finally {
    await db.query('RENAME TABLE unit_scores_away TO unit_scores').catch(() => undefined);
  }
});
