import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request, type Response } from 'playwright-core';

export const SCREENSHOT_DIR = process.env['SCREENSHOT_DIR'] ?? path.resolve(__dirname, '../../test-artifacts/screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function newSession(browser: Browser, baseUrl: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // Anything the page throws or logs as an error is a failure we want to see.
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let antd's animations settle so the picture shows the resting state.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Fills and sends the login form; where the app goes next is the caller's to check. */
export async function submitLogin(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

export async function login(page: Page, username: string, password = 'demo'): Promise<void> {
  await submitLogin(page, username, password);
  await page.getByTestId('home-page').waitFor();
}

/** A session on `period` (the period picker remembers its choice per device); page errors go to `problems`. */
export async function periodSession(browser: Browser, baseUrl: string, period: string, problems: string[], viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const s = await newSession(browser, baseUrl, viewport);
  await s.context.addInitScript((p) => localStorage.setItem('cchc.period', p), period);
  s.page.on('pageerror', (e) => problems.push(e.message));
  return s;
}

/** How long a confirm dialog may stay open: it closes when its API call answers, which a loaded CI machine can delay. */
const CONFIRM_CALL_MS = 60_000;
/** A confirm that took longer than the page's usual wait is reported (with its calls) even when it passes. */
const CONFIRM_SLOW_MS = 20_000;

/**
 * Answers the confirm dialog on screen, then waits for it to be gone (it stays while its API call runs, and
 * lingers while it animates away). A dialog that stays too long fails with the API calls made since the
 * click (method, path, status or "no answer", time), so a slow or stuck call is named, not guessed at.
 */
export async function confirmModal(page: Page, button: string): Promise<void> {
  const started = Date.now();
  const calls = new Map<Request, { at: number; status?: number; ms?: number; failure?: string }>();
  const isApi = (r: Request) => new URL(r.url()).pathname.startsWith('/api/');
  const onRequest = (r: Request) => void (isApi(r) && calls.set(r, { at: Date.now() }));
  const onResponse = (res: Response) => {
    const c = calls.get(res.request());
    if (c) Object.assign(c, { status: res.status(), ms: Date.now() - c.at });
  };
  const onFailed = (r: Request) => {
    const c = calls.get(r);
    if (c) Object.assign(c, { failure: r.failure()?.errorText ?? 'failed', ms: Date.now() - c.at });
  };
  const described = () =>
    [...calls].map(([r, c]) => `${r.method()} ${new URL(r.url()).pathname} → ${c.failure ?? c.status ?? 'no answer yet'} after ${c.ms ?? Date.now() - c.at} ms (sent at +${c.at - started} ms)`).join('; ') || 'none';
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  try {
    await page.locator('.ant-modal-confirm').getByRole('button', { name: button }).click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: CONFIRM_CALL_MS });
  } catch (e) {
    throw new Error(`confirm "${button}": ${(e as Error).message.split('\n')[0]}; API calls since the click: ${described()}`, { cause: e });
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  }
  const took = Date.now() - started;
  if (took > CONFIRM_SLOW_MS) console.warn(`confirm "${button}" took ${took} ms; API calls since the click: ${described()}`);
}

/**
 * Opens the summary page and reloads it until its coverage line reads `counted` (the rollup job runs
 * after the approval), then waits for that text.
 */
export async function summaryCounting(page: Page, counted: string): Promise<void> {
  await page.goto('/summary');
  for (let i = 0; i < 60; i++) {
    const text = (await page.getByTestId('coverage').textContent()) ?? '';
    if (text.includes(counted)) break;
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('coverage').waitFor();
  }
  await page.getByTestId('coverage').getByText(counted).waitFor();
}

/** Opens a group of the report form unless it is open already (a click would close it). */
export async function openGroup(page: Page, group: string): Promise<void> {
  const header = page.getByTestId(`group-${group}`);
  const panel = header.locator('xpath=ancestor::div[contains(@class,"ant-collapse-item")]');
  if (!((await panel.getAttribute('class')) ?? '').includes('ant-collapse-item-active')) await header.click();
}
