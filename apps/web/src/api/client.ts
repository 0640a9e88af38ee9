import type { Template } from '@cchc/shared';
import { ApiError } from './api-error';
import { tokenStore } from './token-store';
import type {
  AdminUser,
  AuthUser,
  CreateUserBody,
  ReportDiff,
  HistoryEntry,
  LoginResponse,
  Period,
  Ranking,
  RankingBreakdown,
  Report,
  ReturnReportBody,
  SaveReportBody,
  SubmissionsOverview,
  Summary,
  UnitDetail,
  UpdatePeriodBody,
  UpdateUserBody,
} from './types';
import {
  normalizeBreakdown,
  normalizeDiff,
  normalizeHistory,
  normalizeRanking,
  normalizeReport,
  normalizeSubmissions,
  normalizeSummary,
} from './normalize';

/** The one way the app talks to the API: bearer token in, typed JSON or a typed ApiError out. */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> | null = null;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = null;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join('; ') : undefined);
  const vi = str(body?.message) ?? `Máy chủ trả lỗi ${res.status} ${res.statusText}.`;
  const en = str(body?.messageEn) ?? `The server answered ${res.status} ${res.statusText}.`;
  return new ApiError(res.status, str(body?.error) ?? 'http_' + res.status, vi, en, str(body?.field), body?.details);
}

function url(path: string): string {
  return path.startsWith('/api') ? path : `/api${path}`;
}

function headers(json: boolean): Headers {
  const h = new Headers({ Accept: 'application/json' });
  if (json) h.set('Content-Type', 'application/json');
  const token = tokenStore.get();
  if (token) h.set('Authorization', `Bearer ${token}`);
  return h;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url(path), { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw ApiError.network(e);
  }
  if (res.status === 401 && tokenStore.get() && !path.includes('/auth/login')) tokenStore.set(null);
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface DownloadProgress {
  received: number;
  /** From Content-Length; null when the server streams without one. */
  total: number | null;
}

/** Downloads a file with the bearer token, reporting bytes as they arrive (long national exports stream). */
export async function download(path: string, onProgress: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  try {
    res = await fetch(url(path), { headers: headers(false), signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw ApiError.network(e);
  }
  if (!res.ok) throw await toApiError(res);
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
      chunks.push(value as Uint8Array<ArrayBuffer>);
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

export interface ExportOptions {
  scope?: 'children' | 'communes';
  basis?: 'approved' | 'submitted' | 'all';
  decimal?: 'dot' | 'comma';
}

function mustExist(r: Report | null): Report {
  if (!r) throw new ApiError(500, 'no_report', 'Máy chủ không trả về báo cáo.', 'The server returned no report.');
  return r;
}
const reportPath = (unitCode: string, period: string) => `/reports/${enc(unitCode)}/${enc(period)}`;

export const api = {
  login: (username: string, password: string) => request<LoginResponse>('POST', '/auth/login', { username, password }),
  me: () => request<AuthUser>('GET', '/auth/me'),

  unit: (code: string) => request<UnitDetail>('GET', `/units/${enc(code)}`),
  currentTemplate: () => request<Template>('GET', '/templates/current'),

  periods: () => request<Period[]>('GET', '/periods'),
  updatePeriod: (id: string, body: UpdatePeriodBody) => request<Period>('PUT', `/periods/${enc(id)}`, body),

  /** null when the unit has no report for the period yet. */
  report: async (unitCode: string, period: string): Promise<Report | null> => normalizeReport(await request<unknown>('GET', reportPath(unitCode, period))),
  saveReport: async (unitCode: string, period: string, body: SaveReportBody) =>
    mustExist(normalizeReport(await request<unknown>('PUT', reportPath(unitCode, period), body))),
  submitReport: async (unitCode: string, period: string, version?: number) => mustExist(normalizeReport(await request<unknown>('POST', `${reportPath(unitCode, period)}/submit`, version === undefined ? {} : { version }))),
  approveReport: async (unitCode: string, period: string, version?: number) => mustExist(normalizeReport(await request<unknown>('POST', `${reportPath(unitCode, period)}/approve`, version === undefined ? {} : { version }))),
  returnReport: async (unitCode: string, period: string, body: ReturnReportBody) =>
    mustExist(normalizeReport(await request<unknown>('POST', `${reportPath(unitCode, period)}/return`, body))),
  reopenReport: async (unitCode: string, period: string, version?: number) => mustExist(normalizeReport(await request<unknown>('POST', `${reportPath(unitCode, period)}/reopen`, version === undefined ? {} : { version }))),
  reportHistory: async (unitCode: string, period: string): Promise<HistoryEntry[]> =>
    normalizeHistory(await request<unknown>('GET', `${reportPath(unitCode, period)}/history`)),
  reportDiff: async (unitCode: string, period: string): Promise<ReportDiff> =>
    normalizeDiff(await request<unknown>('GET', `${reportPath(unitCode, period)}/diff`)),

  submissions: async (unitCode: string, period: string, communes = false): Promise<SubmissionsOverview> =>
    normalizeSubmissions(await request<unknown>('GET', `/submissions/${enc(unitCode)}/${enc(period)}${communes ? '?level=commune' : ''}`)),
  summary: async (unitCode: string, period: string): Promise<Summary> =>
    normalizeSummary(await request<unknown>('GET', `/summaries/${enc(unitCode)}/${enc(period)}`)),
  ranking: async (unitCode: string, period: string, scope: 'children' | 'communes'): Promise<Ranking> =>
    normalizeRanking(await request<unknown>('GET', `/rankings/${enc(unitCode)}/${enc(period)}?scope=${scope}`)),
  rankingBreakdown: async (unitCode: string, period: string): Promise<RankingBreakdown> =>
    normalizeBreakdown(await request<unknown>('GET', `/rankings/${enc(unitCode)}/${enc(period)}/breakdown`)),

  exportPath: (unitCode: string, period: string, format: 'csv' | 'xlsx', opts: ExportOptions = {}) => {
    const q = new URLSearchParams(Object.entries(opts).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return `/exports/${enc(unitCode)}/${enc(period)}.${format}${q.size ? `?${q}` : ''}`;
  },
  reportExportPath: (unitCode: string, period: string) => `/exports/report/${enc(unitCode)}/${enc(period)}.xlsx`,

  users: () => request<AdminUser[]>('GET', '/users'),
  createUser: (body: CreateUserBody) => request<AdminUser>('POST', '/users', body),
  updateUser: (id: AdminUser['id'], body: UpdateUserBody) => request<AdminUser>('PATCH', `/users/${enc(String(id))}`, body),
};
