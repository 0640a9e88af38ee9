import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from './support/test-app';
import { createUsers, loadProvince46, openPeriods, PASSWORD } from './support/reports-fixtures';

/**
 * A rural link: the built web app goes out precompressed (brotli or gzip, as the browser accepts)
 * with hashed assets cached for a year and index.html revalidated; API JSON over the threshold is
 * compressed per request. The web build here is a small stand-in with the layout Vite writes.
 */
describe('compression and caching of the web app and the API', () => {
  let t: TestApp;
  let dist: string;
  let officer: string;
  const script = `console.log(${JSON.stringify('Báo cáo CCHC '.repeat(2000))});\n`;
  const scriptPath = '/assets/index-Bx3k9QaZ.js';

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-web-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html lang="vi"><head><script type="module" src="${scriptPath}"></script></head><body><div id="root">Đang tải</div></body></html>`);
    const file = path.join(dist, scriptPath);
    fs.writeFileSync(file, script);
    // What the build's compression step writes beside each asset.
    fs.writeFileSync(`${file}.br`, brotliCompressSync(script));
    fs.writeFileSync(`${file}.gz`, gzipSync(script));
    t = await startTestApp({ WEB_DIST: dist });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2023']);
    await createUsers(t.app, [['xa.19894', ['officer'], '19894']]);
    officer = await t.login('xa.19894', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('the main script: brotli to a browser that accepts it, gzip to one that only takes gzip, plain otherwise; immutable for a year', async () => {
    const br = await t.request('GET', scriptPath, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers['vary']).toLowerCase()).toContain('accept-encoding');
    expect(brotliDecompressSync(br.raw).toString('utf8')).toBe(script);
    expect(br.raw.length).toBeLessThan(script.length / 10);

    const gz = await t.request('GET', scriptPath, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString('utf8')).toBe(script);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const plain = await t.request('GET', scriptPath, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString('utf8')).toBe(script);
  });

  it('index.html, at / and as the SPA fallback of a deep link, is revalidated on every load (no-cache)', async () => {
    for (const url of ['/', '/reports/19894/2023']) {
      const r = await t.request('GET', url, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.headers['cache-control']).toBe('no-cache');
    }
  });

  it('API JSON over the threshold goes compressed and decodes to the same body; a small one goes as it is', async () => {
    // The template (every indicator, titles in two languages) is one of the larger answers.
    const url = '/api/templates/current';
    const plain = await t.request('GET', url, { token: officer });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.length).toBeGreaterThan(8 * 1024);

    const br = await t.request('GET', url, { token: officer, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(brotliDecompressSync(br.raw).toString('utf8'))).toEqual(plain.body);
    expect(br.raw.length).toBeLessThan(plain.raw.length / 3);

    const gz = await t.request('GET', url, { token: officer, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.raw).toString('utf8'))).toEqual(plain.body);

    const small = await t.request('GET', '/api/auth/me', { token: officer, headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.status).toBe(200);
    expect(small.raw.length).toBeLessThan(8 * 1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('a published template version is kept by the browser for a year (private: read with a token); other API answers are not', async () => {
    const current = await t.request('GET', '/api/templates/current', { token: officer });
    const version = (current.body as { version: string }).version;
    const byVersion = await t.request('GET', `/api/templates/${version}`, { token: officer });
    expect(byVersion.status).toBe(200);
    expect((byVersion.body as { version: string }).version).toBe(version);
    expect(byVersion.headers['cache-control']).toBe('private, max-age=31536000, immutable');

    const report = await t.request('GET', '/api/reports/19894/2023', { token: officer });
    expect(report.headers['cache-control'] ?? '').not.toContain('immutable');
    const missing = await t.request('GET', '/api/templates/1999.9', { token: officer });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control'] ?? '').not.toContain('immutable');
  });
});
