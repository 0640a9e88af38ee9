import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { PHONE, login, periodSession, shot } from './support/browser';
import { apiJson, apiToken, settledSummary, useAppAndBrowser } from './support/harness';

/**
 * Fair rankings and comparisons on screen, against the real built app on the demo data: ranked units
 * first (ties share rank and figure), the unranked below a divider with their coverage, the district
 * column across a province, the ranking files; the summary's comparison over the communes counted in
 * both periods, and the summary's files. What the page must show is read from the API, not written here.
 */

const PERIOD = '2023';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Row {
  rank: number | null;
  unit: { code: string; name: string; level: string };
  district: { name: string } | null;
  scored: number;
  expected: number;
  coverage: number;
  belowCoverage: boolean;
}
interface Comparison {
  common: unknown[];
  communesInBoth: number;
  communesExpected: number;
  communesCurrent: number;
  communesPrevious: number;
  ownExpected: number;
  ownInBoth: unknown[];
  previous: { period: string };
  indicators: { code: string; source: string; valueType: string | null; current: { count: number; headline: number | null } | null; previous: { count: number } | null }[];
}

const h = useAppAndBrowser({
  timeoutMs: 300_000,
  // The demo's reports are rolled up by the worker after start: wait until the province is current for both years.
  prepare: async (app) => {
    const tk = await apiToken(app.baseUrl, 'tinh.46');
    for (const period of ['2022', PERIOD]) await settledSummary(app.baseUrl, '46', period, tk, 120_000);
  },
});

const get = async <T>(path: string, username: string): Promise<T> => apiJson<T>(h.app.baseUrl, 'GET', path, await apiToken(h.app.baseUrl, username));

async function session(username: string, viewport?: { width: number; height: number }) {
  const s = await periodSession(h.browser, h.app.baseUrl, PERIOD, [], viewport);
  await login(s.page, username);
  return s;
}

/** Clicks a download button; the file, its name and the response's content type. */
async function download(page: Page, testId: string): Promise<{ bytes: Buffer; name: string; contentType: string }> {
  const [file, response] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => r.url().includes('/api/exports/')),
    page.getByTestId(testId).click(),
  ]);
  return { bytes: fs.readFileSync(await file.path()), name: file.suggestedFilename(), contentType: response.headers()['content-type'] ?? '' };
}

/** The rank cell (after the expand column) and the score cell of a unit's row. */
async function cells(page: Page, code: string): Promise<{ rank: string; score: string }> {
  const tr = page.getByTestId(`rank-row-${code}`).locator('xpath=ancestor::tr');
  const tds = tr.locator('td');
  const count = await tds.count();
  const texts = await Promise.all(Array.from({ length: count }, (_, i) => tds.nth(i).innerText()));
  // The score cell starts with the percentage (the unit's cell may hold its coverage, "(58%)", too).
  return { rank: texts[1].trim(), score: (texts.find((t) => /^\d[\d.]*(,\d+)?%/.test(t.trim())) ?? '').split('\n')[0].trim() };
}

test('a district sees its communes ranked, the unranked below with why, ties alike, and downloads the XLSX', async () => {
  const ranking = await get<{ rows: Row[] }>(`/api/rankings/477/${PERIOD}`, 'huyen.477');
  const ranked = ranking.rows.filter((r) => r.rank !== null);
  const unranked = ranking.rows.filter((r) => r.rank === null);
  expect(ranked.length).toBeGreaterThan(1);
  expect(unranked.length).toBeGreaterThan(0);

  const { page, problems } = await session('huyen.477');
  await page.goto('/rankings');
  await page.getByTestId('ranked-table').waitFor();
  const shown = new Map<string, { rank: string; score: string }>();
  for (const r of ranked) shown.set(r.unit.code, await cells(page, r.unit.code));
  for (const r of ranked) expect(shown.get(r.unit.code)?.rank).toBe(String(r.rank));
  // Same rank ⇔ same figure on screen.
  for (const a of ranked)
    for (const b of ranked) if (a !== b) expect(shown.get(a.unit.code)?.score === shown.get(b.unit.code)?.score).toBe(a.rank === b.rank);

  await expect(page.getByTestId('unranked-divider').innerText()).resolves.toContain(`Chưa xếp hạng (${unranked.length} đơn vị)`);
  for (const r of unranked) {
    await expect(page.getByTestId('unranked-table').getByTestId(`rank-row-${r.unit.code}`).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId(`unranked-${r.unit.code}`).innerText()).resolves.toBe('Chưa xếp hạng — chưa có điểm');
  }
  await shot(page, 'rankings-district');

  await expect(page.getByRole('button', { name: 'Tải XLSX — bảng xếp hạng' }).isVisible()).resolves.toBe(true);
  const xlsx = await download(page, 'ranking-download-xlsx');
  expect(xlsx.contentType).toBe(XLSX);
  expect(xlsx.bytes.length).toBeGreaterThan(1000);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  expect(problems).toEqual([]);
});

test('a province sees its districts ranked on their scored communes, each with its coverage, partial ones marked, the rule stated; communes with their district', async () => {
  const byDistrict = await get<{ rows: Row[]; minCoverage: number }>(`/api/rankings/46/${PERIOD}`, 'tinh.46');
  // The default policy: a district ranks once 40 % of its communes are scored (the demo's have 40–71 %).
  expect(byDistrict.minCoverage).toBe(0.4);
  const ranked = byDistrict.rows.filter((r) => r.rank !== null);
  expect(ranked.length).toBeGreaterThan(1);
  for (const r of byDistrict.rows) if (r.scored > 0) expect(r.rank !== null).toBe(r.coverage >= byDistrict.minCoverage);
  expect(ranked.some((r) => r.coverage < 1)).toBe(true);

  const { page, problems } = await session('tinh.46');
  await page.goto('/rankings');
  await page.getByTestId('ranked-table').waitFor();
  await expect(page.getByTestId('ranking-policy').innerText()).resolves.toContain('ít nhất 40% số xã có điểm');
  await expect(page.getByTestId('ranking-policy').innerText()).resolves.toContain('làm tròn 2 chữ số thập phân');
  await expect(page.getByTestId('ranking-table').innerText()).resolves.toContain(`(${ranked.length}/${byDistrict.rows.length} đơn vị được xếp hạng)`);
  const shown = new Map<string, { rank: string; score: string }>();
  for (const r of ranked) {
    shown.set(r.unit.code, await cells(page, r.unit.code));
    expect(shown.get(r.unit.code)?.rank).toBe(String(r.rank));
    await expect(page.getByTestId(`coverage-${r.unit.code}`).innerText()).resolves.toBe(`${r.scored}/${r.expected} xã có điểm (${Math.round(r.coverage * 100)}%)`);
    await expect(page.getByTestId(`partial-${r.unit.code}`).count()).resolves.toBe(r.coverage < 1 ? 1 : 0);
  }
  // One rounding rule: two decimals shown, and the same rank exactly when the shown figure is the same.
  for (const a of ranked) {
    expect(shown.get(a.unit.code)?.score).toMatch(/^\d+,\d{2}%$/);
    for (const b of ranked) if (a !== b) expect(shown.get(a.unit.code)?.score === shown.get(b.unit.code)?.score).toBe(a.rank === b.rank);
  }
  for (const r of byDistrict.rows.filter((x) => x.rank === null && x.belowCoverage))
    await expect(page.getByTestId(`unranked-${r.unit.code}`).innerText()).resolves.toBe(`Chưa xếp hạng — ${r.scored}/${r.expected} xã có điểm`);
  await shot(page, 'rankings-province');

  const communes = await get<{ rows: Row[] }>(`/api/rankings/46/${PERIOD}?scope=communes`, 'tinh.46');
  const first = communes.rows.find((r) => r.rank !== null && r.district);
  expect(first).toBeDefined();
  await page.getByTestId('ranking-scope').getByText('Tất cả các xã').click();
  const tr = page.getByTestId(`rank-row-${first!.unit.code}`).locator('xpath=ancestor::tr');
  await tr.waitFor();
  await expect(page.getByTestId('ranked-table').locator('th', { hasText: /^Huyện$/ }).count()).resolves.toBe(1);
  await expect(tr.innerText()).resolves.toContain(first!.district!.name);
  await shot(page, 'rankings-communes');

  const csv = await download(page, 'ranking-download-csv');
  expect(csv.contentType).toMatch(/^text\/csv/);
  const text = csv.bytes.toString('utf8');
  expect(text.split('\r\n')[0]).toContain('Huyện');
  expect(text).toContain(first!.unit.name);
  expect(problems).toEqual([]);
});

test('a district compares two years over the communes counted in both, and downloads its summary', async () => {
  const cmp = await get<Comparison>(`/api/summaries/477/${PERIOD}/comparison`, 'huyen.477');
  expect(cmp.common.length).toBeGreaterThan(0);
  const row = cmp.indicators.find((i) => i.valueType === 'count' && i.current && i.previous);
  expect(row).toBeDefined();

  const { page, problems } = await session('huyen.477');
  await page.goto('/summary');
  await page.getByTestId('summary-table').waitFor();
  await page.getByTestId('compare-switch').click();
  const basis = page.getByTestId('comparison-basis');
  await basis.waitFor();
  await expect(basis.innerText()).resolves.toContain(`So sánh trên ${cmp.common.length} xã có số liệu ở cả hai kỳ`);
  await expect(page.getByTestId('comparison-period').innerText()).resolves.toContain(cmp.previous.period);
  const cmpRow = page.getByTestId('comparison-table').locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${row!.code.replace(/\./g, '\\.')}$`) }) });
  await expect(cmpRow.innerText()).resolves.toContain(`${row!.current!.count} / ${row!.previous!.count}`);
  await shot(page, 'summary-comparison');

  const xlsx = await download(page, 'summary-download-xlsx');
  expect(xlsx.contentType).toBe(XLSX);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Another period to compare with: the demo has no report for the first half of 2023.
  const half = await get<Comparison>(`/api/summaries/477/${PERIOD}/comparison?with=2023S1`, 'huyen.477');
  expect(half.common).toEqual([]);
  await page.getByTestId('comparison-period').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '6 tháng đầu năm 2023' }).click();
  await page.getByTestId('comparison-basis').getByText('Không có xã nào có số liệu ở cả hai kỳ').waitFor();
  await expect(page.getByTestId('comparison-table').count()).resolves.toBe(0);
  expect(problems).toEqual([]);
});

test('a province compares two years over the communes counted in both across its districts (on by default)', async () => {
  const cmp = await get<Comparison & { current: { reported: number }; previous: { reported: number } }>(`/api/summaries/46/${PERIOD}/comparison`, 'tinh.46');
  // The demo's districts count different communes in the two years: the comparison keeps only those in both.
  expect(cmp.communesCurrent).not.toBe(cmp.communesPrevious);
  expect(cmp.current.reported).toBe(cmp.communesInBoth);
  expect(cmp.previous.reported).toBe(cmp.communesInBoth);
  const row = cmp.indicators.find((i) => i.source === 'communes' && i.valueType === 'count' && i.current && i.previous);
  expect(row).toBeDefined();

  const { page, problems } = await session('tinh.46');
  await page.goto('/summary');
  const basis = page.getByTestId('comparison-basis');
  await basis.waitFor();
  const text = await basis.innerText();
  expect(text).toContain(`So sánh trên ${cmp.communesInBoth} xã có số liệu ở cả hai kỳ`);
  expect(text).toContain(`trong ${cmp.communesExpected} xã của địa bàn`);
  if (cmp.ownExpected > 0) {
    await expect(page.getByTestId('comparison-own').innerText()).resolves.toContain(`${cmp.ownInBoth.length}/${cmp.ownExpected} đơn vị cấp huyện`);
  }
  // Fair by construction: no warning about uneven coverage any more.
  await expect(page.getByTestId('comparison-uneven').count()).resolves.toBe(0);
  const cmpRow = page.getByTestId('comparison-table').locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${row!.code.replace(/\./g, '\\.')}$`) }) });
  await expect(cmpRow.innerText()).resolves.toContain(`${row!.current!.count} / ${row!.previous!.count}`);
  await shot(page, 'summary-comparison-province');
  expect(problems).toEqual([]);
});

test('the rankings page fits a phone', async () => {
  const s = await session('huyen.477', PHONE);
  await s.page.goto('/rankings');
  await s.page.getByTestId('unranked-table').waitFor();
  await shot(s.page, 'rankings-phone');
  await expect(s.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
  expect(s.problems).toEqual([]);
});

test('an administrator opens the national ranking of provinces from the menu, drills into a province and comes back', async () => {
  const national = await get<{ unit: { name: string }; rows: Row[] }>(`/api/rankings/VN/${PERIOD}`, 'admin');
  expect(national.rows.length).toBeGreaterThan(0);

  const { page, problems } = await session('admin');
  await page.getByTestId('nav-rankings').click();
  await page.getByTestId('ranking-table').waitFor();
  await expect(page.getByTestId('rankings-page').innerText()).resolves.toContain(national.unit.name);
  // Each table shows 50 rows a page: the first page of each, in the API's order.
  for (const r of national.rows.filter((x) => x.rank !== null).slice(0, 50)) {
    await expect(cells(page, r.unit.code).then((c) => c.rank)).resolves.toBe(String(r.rank));
  }
  for (const r of national.rows.filter((x) => x.rank === null).slice(0, 50)) {
    await expect(page.getByTestId(`unranked-${r.unit.code}`).innerText()).resolves.toBe(`Chưa xếp hạng — ${r.scored}/${r.expected} xã có điểm`);
  }
  await shot(page, 'rankings-national');

  const first = national.rows[0];
  await page.getByTestId(`rank-row-${first.unit.code}`).locator('xpath=ancestor::tr').getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL(`**/rankings/${first.unit.code}`);
  await page.getByTestId('ranking-table').waitFor();
  await page.getByTestId('ranking-national').click();
  await page.waitForURL('**/rankings');
  await page.getByTestId(`rank-row-${first.unit.code}`).waitFor();
  expect(problems).toEqual([]);
});
