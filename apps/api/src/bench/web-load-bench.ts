import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { REPO_ROOT } from '../config/config.schema';

/**
 * The commune form on a rural link, in a real browser: the built app (API + web, SQLite demo, as
 * `npm start` runs it) in headless Chromium with the network throttled over CDP. For each run: a
 * cold load (HTTP cache cleared) and then a warm one (cache kept), of an officer's already signed-in
 * commune form; "usable" is when the form's value inputs are on screen and enabled. Also the login
 * page cold, whose JS is what every visitor downloads first.
 */
export interface WebLoadOptions {
  runs: number;
  downKbps: number;
  upKbps: number;
  rttMs: number;
}

interface LoadFigures {
  /** From navigation start to the form usable (ms). */
  usableMs: number;
  /** From navigation start to the first paint of anything (the app shell). */
  firstPaintMs: number | null;
  requests: number;
  /** Bytes on the wire (compressed, headers included), all and JS only. */
  transferBytes: number;
  jsTransferBytes: number;
  jsRequests: number;
}

const COMMUNE = '19885';
const PERIOD = '2023';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startBuiltApp(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const main = path.join(REPO_ROOT, 'apps/api/dist/main.js');
  const web = path.join(REPO_ROOT, 'apps/web/dist/index.html');
  for (const f of [main, web]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: build the api and the web app first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-web-load-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_PATH: path.join(dir, 'demo.sqlite'),
      DEMO_MODE: 'true',
      JWT_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_LIMIT: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}): ${output.slice(-3000)}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > until) {
      await stop();
      throw new Error(`the app is not healthy after 180 s: ${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, stop };
}

/** Bytes and requests of one page load, from the DevTools protocol's own accounting. */
function countTraffic(cdp: CDPSession): { reset(): void; figures(): Pick<LoadFigures, 'requests' | 'transferBytes' | 'jsTransferBytes' | 'jsRequests'> } {
  const type = new Map<string, string>();
  let requests = 0;
  let transferBytes = 0;
  let jsTransferBytes = 0;
  let jsRequests = 0;
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => type.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    requests += 1;
    transferBytes += e.encodedDataLength;
    if (type.get(e.requestId) === 'Script') {
      jsRequests += 1;
      jsTransferBytes += e.encodedDataLength;
    }
  });
  return {
    reset() {
      requests = transferBytes = jsTransferBytes = jsRequests = 0;
      type.clear();
    },
    figures: () => ({ requests, transferBytes, jsTransferBytes, jsRequests }),
  };
}

async function throttle(cdp: CDPSession, o: WebLoadOptions | null): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: o ? o.rttMs : 0,
    downloadThroughput: o ? (o.downKbps * 1000) / 8 : -1,
    uploadThroughput: o ? (o.upKbps * 1000) / 8 : -1,
  });
}

/** Navigates and waits until `ready` holds in the page; times are the page's own, from navigation start. */
async function load(page: Page, url: string, ready: string): Promise<{ usableMs: number; firstPaintMs: number | null }> {
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  // A string: this runs in the page, whose DOM types the API's compilation does not have.
  const probe = `(() => {
    const el = document.querySelector(${JSON.stringify(ready)});
    if (!el || el.disabled || el.offsetParent === null) return false;
    const paint = performance.getEntriesByType('paint').find((p) => p.name === 'first-paint' || p.name === 'first-contentful-paint');
    return { usableMs: performance.now(), firstPaintMs: paint ? paint.startTime : null };
  })()`;
  const handle = await page.waitForFunction(probe, undefined, { timeout: 120_000, polling: 50 });
  return (await handle.jsonValue()) as { usableMs: number; firstPaintMs: number | null };
}

const FORM_READY = '[data-testid="report-form"] input:not([disabled])';
const LOGIN_READY = 'input#username, input[autocomplete="username"]';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function runWebLoadBench(o: WebLoadOptions) {
  const app = await startBuiltApp();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const cold: LoadFigures[] = [];
  const warm: LoadFigures[] = [];
  let login: LoadFigures | null = null;
  try {
    for (let run = 0; run < o.runs; run++) {
      const context: BrowserContext = await browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1366, height: 768 }, locale: 'vi-VN', bypassCSP: true });
      await context.addInitScript({ content: `localStorage.setItem('cchc.period', ${JSON.stringify(PERIOD)});` });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const traffic = countTraffic(cdp);

      // The login page, cold and throttled: what every visitor downloads first.
      await cdp.send('Network.clearBrowserCache');
      await throttle(cdp, o);
      traffic.reset();
      const l = await load(page, '/login', LOGIN_READY);
      if (run === 0) login = { ...l, ...traffic.figures() };

      // Signed in at full speed (not measured), then the form: cold, then warm.
      await throttle(cdp, null);
      await page.locator(LOGIN_READY).first().fill(`xa.${COMMUNE}`);
      await page.locator('input[type="password"]').fill('demo');
      await page.locator('button[type="submit"]').click();
      await page.getByTestId('home-page').waitFor({ timeout: 60_000 });
      await page.goto('about:blank');

      await cdp.send('Network.clearBrowserCache');
      await throttle(cdp, o);
      traffic.reset();
      const c = await load(page, `/reports/${COMMUNE}/${PERIOD}`, FORM_READY);
      cold.push({ ...c, ...traffic.figures() });

      await page.goto('about:blank');
      traffic.reset();
      const w = await load(page, `/reports/${COMMUNE}/${PERIOD}`, FORM_READY);
      warm.push({ ...w, ...traffic.figures() });
      await context.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  const summary = (xs: LoadFigures[]) => ({
    usableMsMedian: Math.round(median(xs.map((x) => x.usableMs))),
    usableMs: xs.map((x) => Math.round(x.usableMs)),
    firstPaintMs: xs.map((x) => (x.firstPaintMs === null ? null : Math.round(x.firstPaintMs))),
    requests: xs.map((x) => x.requests),
    transferKB: xs.map((x) => Math.round(x.transferBytes / 1024)),
    jsTransferKB: xs.map((x) => Math.round(x.jsTransferBytes / 1024)),
  });
  return {
    network: { downKbps: o.downKbps, upKbps: o.upKbps, rttMs: o.rttMs },
    runs: o.runs,
    loginCold: login && { usableMs: Math.round(login.usableMs), firstPaintMs: login.firstPaintMs && Math.round(login.firstPaintMs), requests: login.requests, transferKB: Math.round(login.transferBytes / 1024), jsTransferKB: Math.round(login.jsTransferBytes / 1024), jsRequests: login.jsRequests },
    formCold: summary(cold),
    formWarm: summary(warm),
    goals: { initialJsKB: 250, formColdMs: 4000, formWarmMs: 1500 },
  };
}
