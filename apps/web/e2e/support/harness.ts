import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app-server';
import { launchChromium } from './browser';

/**
 * One built app and one Chromium for a test file, started before its tests and closed after them.
 * Call at the top level; read `app` and `browser` inside the tests. `prepare` runs between the two.
 */
export function useAppAndBrowser(opts: { env?: Record<string, string>; prepare?: (app: RunningApp) => Promise<void>; timeoutMs?: number } = {}): {
  app: RunningApp;
  browser: Browser;
} {
  const h = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    h.app = await startApp(opts.env);
    await opts.prepare?.(h.app);
    h.browser = await launchChromium();
  }, opts.timeoutMs ?? 180_000);
  afterAll(async () => {
    await h.browser?.close();
    await h.app?.stop();
  });
  return h;
}

/** Logs in through the API (not the page): the bearer token. */
export async function apiToken(baseUrl: string, username: string, password = 'demo'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A call to the API as `token`, whatever the answer: its status and JSON body (null when none). */
export async function apiCall(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** A call to the API that must succeed: its JSON body, or an error naming the call and the answer. */
export async function apiJson<T>(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const r = await apiCall(baseUrl, method, path, token, body);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json as T;
}

/** The demo seeds' rollups run in the background at start-up: the unit's summary once they are done. */
export async function settledSummary<T extends { coverage: { stale: boolean }; rollup: { requestedSeq: number; doneSeq: number } | null }>(
  baseUrl: string,
  unitCode: string,
  period: string,
  token: string,
  timeoutMs = 60_000,
): Promise<T> {
  const path = `/api/summaries/${unitCode}/${period}`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await apiJson<T>(baseUrl, 'GET', path, token);
    if (s.rollup && s.rollup.doneSeq >= s.rollup.requestedSeq && !s.coverage.stale) return s;
    if (Date.now() > end) throw new Error(`${path} still rolling up after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
