import * as fs from 'node:fs';
import * as path from 'node:path';
import * as bcrypt from 'bcryptjs';
import { createConnection } from 'mysql2/promise';
import { TEMPLATE_2023, formatVietnameseNumber, parseAppendixText } from '@cchc/shared';
import { login, newSession, shot } from './support/browser';
import { apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * Across the 2025 merger in a real browser: the app runs with both unit trees and the lineage; the four
 * old communes that became Xã Quảng Điền (19867) have approved 2023 reports (made through the API); a
 * 2026 officer of the new commune opens its 2026 report and compares it with its predecessors' 2023.
 */

const REF = (f: string) => `data/reference/${f}`;
const PREDECESSORS = ['19867', '19882', '19888', '19894'];

// No demo seed (it is the 2024 tree's); one administrator, written to the database, makes the rest through the API.
const h = useAppAndBrowser({
  env: { DEMO_MODE: 'false', UNITS_FILES: `${REF('vn-admin-units-2024.json')},${REF('vn-admin-units-2025.json')}`, LINEAGE_FILE: REF('vn-admin-lineage-2025.json') },
  prepare: async (app) => {
    const db = await createConnection(`${(process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '')}/${app.dbName}`);
    await db.query('INSERT INTO users (username, password_hash, display_name, roles, unit_code, active, created_at) VALUES (?, ?, ?, ?, NULL, 1, NOW())', [
      'admin',
      await bcrypt.hash('demo', 10),
      'Quản trị',
      'administrator',
    ]);
    await db.end();
  },
  timeoutMs: 300_000,
});
const call = <T>(method: string, url: string, token: string, body?: unknown) => apiJson<T>(h.app.baseUrl, method, url, token, body);
const token = (username: string, password = 'demo') => apiToken(h.app.baseUrl, username, password);

test("a 2026 officer of Xã Quảng Điền compares its report with its four predecessors' 2023", async () => {
  const admin = await token('admin');
  await call('PUT', '/api/periods/2023', admin, {});
  await call('PUT', '/api/periods/2026', admin, {});
  // The seed's appendix, its mistake (130 in a % row) corrected, as each old commune's 2023 report.
  const seed = fs.readFileSync(path.resolve(__dirname, '../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8');
  const values = Object.fromEntries(Object.entries(parseAppendixText(seed, TEMPLATE_2023).values).filter(([, v]) => v !== null && v !== undefined)) as Record<string, number>;
  for (const n of TEMPLATE_2023.nodes) if (n.valueType === 'percent' && (values[n.code] ?? 0) > 100) values[n.code] = 100;
  type R = { status: string | null; version: number };
  for (const code of PREDECESSORS) {
    let r = await call<R>('GET', `/api/reports/${code}/2023`, admin);
    if (r.status === 'approved') continue;
    if (r.status !== 'submitted') {
      r = await call<R>('PUT', `/api/reports/${code}/2023`, admin, { values, ...(r.version ? { version: r.version } : {}) });
      r = await call<R>('POST', `/api/reports/${code}/2023/submit`, admin, { version: r.version });
    }
    await call<R>('POST', `/api/reports/${code}/2023/approve`, admin, { version: r.version });
  }
  await call('POST', '/api/users', admin, { username: 'xa.quangdien.2026', password: 'mat-khau-2026-moi', displayName: 'Cán bộ Xã Quảng Điền', roles: ['officer'], unitCode: '19867' });

  const { context, page, problems } = await newSession(h.browser, h.app.baseUrl);
  await context.addInitScript(() => localStorage.setItem('cchc.period', '2026'));
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await login(page, 'xa.quangdien.2026', 'mat-khau-2026-moi');
  await page.goto('/reports/19867/2026');
  const heading = page.getByTestId('pre-merger-heading');
  await heading.waitFor();
  const text = (await heading.textContent()) ?? '';
  expect(text).toContain('Cùng kỳ trước sáp nhập (tổng hợp từ 4 xã cũ');
  for (const name of ['Quảng Thọ', 'Quảng Phước', 'Quảng An', 'Sịa']) expect(text).toContain(name);
  await expect(page.getByTestId('vietmap-attribution').textContent()).resolves.toContain('VietMap');
  await expect(page.getByTestId('pre-merger-period').textContent()).resolves.toContain('2023');
  await page.getByTestId('pre-merger-open').click();
  const table = page.getByTestId('pre-merger-table');
  await table.waitFor();
  // 1.1.1 of the four predecessors' approved reports, summed here from the reports themselves.
  let sum = 0;
  for (const code of PREDECESSORS) sum += (await call<{ values: Record<string, number> }>('GET', `/api/reports/${code}/2023`, admin)).values['1.1.1'] ?? 0;
  const row = table.locator('tr', { has: page.locator('td', { hasText: /^1\.1\.1$/ }) });
  await expect(row.textContent()).resolves.toContain(formatVietnameseNumber(sum, 2));
  await shot(page, '40-history-pre-merger');
  // The form asks for the previous period's report (2025, never opened here): 404. The code 19867 named
  // Thị trấn Sịa in 2023, so that raw report is refused to today's officer (403): only the aggregate is hers.
  expect(failed.filter((f) => !/^404 \/api\/reports\/19867\/2025/.test(f) && !/^403 \/api\/reports\/19867\/2023/.test(f))).toEqual([]);
  // The browser logs those two refusals too (without their address; `failed` above names every one).
  expect(problems.filter((p) => !p.includes('404') && !p.includes('403'))).toEqual([]);
});
