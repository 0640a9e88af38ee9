import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, login, shot } from './browser';
import { apiToken, settledSummary, useAppAndBrowser } from './harness';

/** axe-core's browser build, injected into the page under test (the npm package, never a CDN). */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface A11yFinding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * A session whose pages accept the injected axe script: the app's CSP allows only its own scripts, so
 * this context alone bypasses it; the app itself runs as it always does.
 */
export async function axeSession(browser: Browser, baseUrl: string, period: string): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true });
  await context.addInitScript((p) => localStorage.setItem('cchc.period', p), period);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { page, problems, close: () => context.close() };
}

/** Waits until the screen has its data: no request in flight and no loading placeholder left. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="loading"], .ant-skeleton, .ant-spin-spinning, [data-testid="app-shell"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"], .ant-skeleton, .ant-spin-spinning, [data-testid="app-shell"]').length === 0);
  // antd's entrance animations fade colours in: contrast is judged on the resting state.
  await page.waitForTimeout(600);
}

/** The critical and serious axe-core violations of the page as it stands, and its structure (one h1, a main landmark). */
export async function audit(page: Page, name: string): Promise<{ findings: A11yFinding[]; h1: number; main: number }> {
  await settled(page);
  await shot(page, `a11y-${name}`);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate<Omit<A11yFinding, 'page'>[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  })))`);
  const structure = await page.evaluate(() => ({ h1: document.querySelectorAll('h1').length, main: document.querySelectorAll('main, [role="main"]').length }));
  return {
    findings: violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => ({ page: name, ...v })),
    ...structure,
  };
}

export interface Screen {
  /** Who signs in first (null: the login page itself). */
  who: string | null;
  name: string;
  path: string;
}

/**
 * Opens each screen in a fresh session and audits it: every critical or serious axe-core finding,
 * every page without exactly one h1 or without a main landmark, and every page error.
 */
export async function auditScreens(browser: Browser, baseUrl: string, period: string, demo: string, screens: Screen[]): Promise<{ findings: A11yFinding[]; structure: string[]; problems: string[] }> {
  const findings: A11yFinding[] = [];
  const structure: string[] = [];
  const problems: string[] = [];
  for (const s of screens) {
    const session = await axeSession(browser, baseUrl, period);
    if (s.who) await login(session.page, s.who);
    await session.page.goto(s.path);
    const r = await audit(session.page, `${demo}-${s.name}`);
    findings.push(...r.findings);
    if (r.h1 !== 1 || r.main < 1) structure.push(`${s.name}: ${r.h1} h1, ${r.main} main`);
    problems.push(...session.problems);
    await session.close();
  }
  return { findings, structure, problems };
}

/**
 * The app on a demo tree (DEMO_TREE in `env`) and Chromium for an accessibility test file, the province's
 * summary of `period` rolled up before the browser opens: every audited screen shows its figures.
 */
export function useAuditedDemo(period: string, env?: Record<string, string>): { app: { baseUrl: string }; browser: Browser } {
  return useAppAndBrowser({
    env,
    timeoutMs: 300_000,
    prepare: async (app) => {
      await settledSummary(app.baseUrl, '46', period, await apiToken(app.baseUrl, 'tinh.46'), 120_000);
    },
  });
}

/** Audits the screens (auditScreens) and fails on any finding, any page without one h1 and a main landmark, any page error. */
export async function expectAccessible(h: { app: { baseUrl: string }; browser: Browser }, period: string, demo: string, screens: Screen[]): Promise<void> {
  const r = await auditScreens(h.browser, h.app.baseUrl, period, demo, screens);
  expect(r.findings).toEqual([]);
  expect(r.structure).toEqual([]);
  expect(r.problems).toEqual([]);
}
