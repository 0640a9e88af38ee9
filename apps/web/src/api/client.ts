import createClient, { type Middleware } from 'openapi-fetch';
import type { Template } from '@cchc/shared';
import { ApiError } from './api-error';
import type { paths } from './generated/schema';
import type { Report, ReportResponse } from './schema-types';
import { tokenStore } from './token-store';

/** The one way the app talks to the API: the generated typed client, bearer token in, typed JSON or a typed ApiError out. */

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join('; ') : undefined);

/** The server's error body (Vietnamese `message`, English `messageEn`, `field`) as an ApiError. */
function toApiError(res: Response, body: unknown): ApiError {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  const vi = str(b?.message) ?? `Máy chủ trả lỗi ${res.status} ${res.statusText}.`;
  const en = str(b?.messageEn) ?? `The server answered ${res.status} ${res.statusText}.`;
  return new ApiError(res.status, str(b?.error) ?? 'http_' + res.status, vi, en, str(b?.field), b?.details);
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // An expired token signs out; a wrong password at login is not a session that ended.
    if (response.status === 401 && tokenStore.get() && !new URL(request.url).pathname.endsWith('/auth/login')) tokenStore.set(null);
    return response;
  },
};

export const http = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
http.use(auth);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Unwraps an openapi-fetch answer: the data, or the refusal (or a lost connection) as an ApiError. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let r: Result<T>;
  try {
    r = await pending;
  } catch (e) {
    throw ApiError.network(e);
  }
  if (!r.response.ok) throw toApiError(r.response, r.error);
  return r.data as T;
}

function url(path: string): string {
  return path.startsWith('/api') ? path : `/api${path}`;
}

export interface DownloadProgress {
  received: number;
  /** From Content-Length; null when the server streams without one. */
  total: number | null;
}

/** Downloads a file with the bearer token, reporting bytes as they arrive (long national exports stream). */
export async function download(path: string, onProgress: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  const headers = new Headers();
  const token = tokenStore.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    res = await fetch(url(path), { headers, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw ApiError.network(e);
  }
  if (!res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    throw toApiError(res, body);
  }
  const lengthHeader = res.headers.get('Content-Length');
  const total = lengthHeader ? Number(lengthHeader) : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total });
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress({ received, total });
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    chunks.push(buf);
    received = buf.byteLength;
    onProgress({ received, total });
  }
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const filename = m ? decodeURIComponent(m[1] ?? m[2] ?? '') : null;
  return { blob: new Blob(chunks, { type: res.headers.get('Content-Type') ?? 'application/octet-stream' }), filename };
}

const enc = encodeURIComponent;

/** The pivot export's query (scope, basis, decimal), as the API declares it. */
export type ExportOptions = NonNullable<paths['/api/exports/{unitCode}/{file}']['get']['parameters']['query']>;
/** The ranking file's query (scope, basis, decimal). */
export type RankingExportOptions = NonNullable<paths['/api/exports/rankings/{unitCode}/{file}']['get']['parameters']['query']>;

/** `?a=1&b=2` of the options that are set, or nothing. */
function queryString(opts: Record<string, unknown>): string {
  const q = new URLSearchParams(Object.entries(opts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return q.size ? `?${q}` : '';
}

/** GET answers status null and version 0 when no report exists yet: that is "none", not an error. */
function existing(r: ReportResponse): Report | null {
  return r.status === null ? null : { ...r, status: r.status };
}
function mustExist(r: ReportResponse): Report {
  const report = existing(r);
  if (!report) throw new ApiError(500, 'no_report', 'Máy chủ không trả về báo cáo.', 'The server returned no report.');
  return report;
}
const at = (unitCode: string, period: string) => ({ params: { path: { unitCode, period } } });
const version = (v?: number) => (v === undefined ? {} : { version: v });

export const api = {
  login: (username: string, password: string) => call(http.POST('/api/auth/login', { body: { username, password } })),
  me: () => call(http.GET('/api/auth/me')),

  unit: (code: string) => call(http.GET('/api/units/{code}', { params: { path: { code } } })),
  searchUnits: (q: string) => call(http.GET('/api/units', { params: { query: { q } } })),
  // The shared package's Template is the domain type the form's rules run on; the schema describes the same JSON.
  template: async (version: string): Promise<Template> => {
    const t: unknown = await call(http.GET('/api/templates/{version}', { params: { path: { version } } }));
    return t as Template;
  },

  periods: () => call(http.GET('/api/periods')),
  updatePeriod: (id: string, body: paths['/api/periods/{id}']['put']['requestBody']['content']['application/json']) =>
    call(http.PUT('/api/periods/{id}', { params: { path: { id } }, body })),

  /** null when the unit has no report for the period yet. */
  report: async (unitCode: string, period: string): Promise<Report | null> =>
    existing(await call(http.GET('/api/reports/{unitCode}/{period}', at(unitCode, period)))),
  saveReport: async (unitCode: string, period: string, body: paths['/api/reports/{unitCode}/{period}']['put']['requestBody']['content']['application/json']) =>
    mustExist(await call(http.PUT('/api/reports/{unitCode}/{period}', { ...at(unitCode, period), body }))),
  submitReport: async (unitCode: string, period: string, v?: number) =>
    mustExist(await call(http.POST('/api/reports/{unitCode}/{period}/submit', { ...at(unitCode, period), body: version(v) }))),
  approveReport: async (unitCode: string, period: string, v?: number) =>
    mustExist(await call(http.POST('/api/reports/{unitCode}/{period}/approve', { ...at(unitCode, period), body: version(v) }))),
  returnReport: async (unitCode: string, period: string, body: paths['/api/reports/{unitCode}/{period}/return']['post']['requestBody']['content']['application/json']) =>
    mustExist(await call(http.POST('/api/reports/{unitCode}/{period}/return', { ...at(unitCode, period), body }))),
  reopenReport: async (unitCode: string, period: string, reason: string, v?: number) =>
    mustExist(await call(http.POST('/api/reports/{unitCode}/{period}/reopen', { ...at(unitCode, period), body: { ...version(v), reason } }))),
  reportHistory: (unitCode: string, period: string) => call(http.GET('/api/reports/{unitCode}/{period}/history', at(unitCode, period))),
  reportDiff: (unitCode: string, period: string) => call(http.GET('/api/reports/{unitCode}/{period}/diff', at(unitCode, period))),

  submissions: (unitCode: string, period: string, communes = false) =>
    call(http.GET('/api/submissions/{unitCode}/{period}', { params: { path: { unitCode, period }, query: communes ? { level: 'commune' } : {} } })),
  summary: (unitCode: string, period: string) => call(http.GET('/api/summaries/{unitCode}/{period}', at(unitCode, period))),
  ranking: (unitCode: string, period: string, scope: 'children' | 'communes') =>
    call(http.GET('/api/rankings/{unitCode}/{period}', { params: { path: { unitCode, period }, query: { scope } } })),
  rankingBreakdown: (unitCode: string, period: string) => call(http.GET('/api/rankings/{unitCode}/{period}/breakdown', at(unitCode, period))),

  /** Fair comparison of two periods over the children counted in both; `withPeriod` omitted: the API's default. */
  summaryComparison: (unitCode: string, period: string, withPeriod?: string) =>
    call(http.GET('/api/summaries/{unitCode}/{period}/comparison', { params: { path: { unitCode, period }, query: withPeriod ? { with: withPeriod } : {} } })),

  exportPath: (unitCode: string, period: string, format: 'csv' | 'xlsx', opts: ExportOptions = {}) => `/exports/${enc(unitCode)}/${enc(period)}.${format}${queryString(opts)}`,
  rankingExportPath: (unitCode: string, period: string, format: 'csv' | 'xlsx', opts: RankingExportOptions = {}) =>
    `/exports/rankings/${enc(unitCode)}/${enc(period)}.${format}${queryString(opts)}`,
  reportExportPath: (unitCode: string, period: string) => `/exports/report/${enc(unitCode)}/${enc(period)}.xlsx`,

  users: () => call(http.GET('/api/users')),
  createUser: (body: paths['/api/users']['post']['requestBody']['content']['application/json']) => call(http.POST('/api/users', { body })),
  updateUser: (id: number, body: paths['/api/users/{id}']['patch']['requestBody']['content']['application/json']) =>
    call(http.PATCH('/api/users/{id}', { params: { path: { id } }, body })),

  rollupFailures: () => call(http.GET('/api/rollups/failures')),
  notices: (opts: { unread?: boolean; limit?: number; before?: number } = {}) =>
    call(http.GET('/api/notices', { params: { query: { unread: opts.unread ? 'true' : undefined, limit: opts.limit, before: opts.before } } })),
  unreadNotices: () => call(http.GET('/api/notices/unread-count')),
  markNoticesRead: (body: { ids?: number[]; all?: boolean }) => call(http.POST('/api/notices/read', { body })),
  noticePreferences: () => call(http.GET('/api/notices/preferences')),
  setNoticePreferences: (body: paths['/api/notices/preferences']['put']['requestBody']['content']['application/json']) => call(http.PUT('/api/notices/preferences', { body })),

  reminders: (unitCode: string, period: string) => call(http.GET('/api/reminders/{unitCode}/{period}', at(unitCode, period))),
  /** "Nhắc nộp" one unit: 429 when it was already reminded today. */
  nudge: (unitCode: string, period: string) => call(http.POST('/api/reminders/{unitCode}/{period}', at(unitCode, period))),
  /** "Nhắc tất cả" under the reviewer's own unit: the ones reminded today come back as skipped. */
  nudgeAll: (unitCode: string, period: string) => call(http.POST('/api/reminders/{unitCode}/{period}/all', at(unitCode, period))),

  quality: (unitCode: string, period: string) => call(http.GET('/api/quality/{unitCode}/{period}', at(unitCode, period))),
  qualityUnder: (unitCode: string, period: string) => call(http.GET('/api/quality/{unitCode}/{period}/children', at(unitCode, period))),

  retryRollup: (unitCode: string, period: string) => call(http.POST('/api/rollups/{unitCode}/{period}/retry', at(unitCode, period))),
};
