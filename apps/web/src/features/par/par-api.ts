import { PAR_SHEET_STATUSES, PAR_SHEET_STATUS_LABELS, type ParSheetStatusCode } from '@cchc/shared';
import { call, download, http } from '../../api/client';
import { ApiError } from '../../api/api-error';
import type { components } from '../../api/generated/schema';
import { tokenStore } from '../../api/token-store';

type S = components['schemas'];
export type ParRound = S['ParRoundResponseDto'];
export type ParSheet = S['ParSheetResponseDto'];
export type ParSheetRow = S['ParSheetRowResponseDto'];
export type ParResults = S['ParResultsResponseDto'];
export type ParSheetSummary = S['ParSheetSummaryDto'];
export type ParSelfRow = S['ParSelfRowDto'];
export type ParAppraisalRow = S['ParAppraisalRowDto'];
export type ParAdjustmentInput = S['ParAdjustmentDto'];
export type ParCriteriaSet = S['ParCriteriaSetResponseDto'];
export type ParCriteriaImportResult = S['ParCriteriaImportResultDto'];

const round = (roundId: number) => ({ params: { path: { roundId: String(roundId) } } });
const sheet = (roundId: number, unitCode: string) => ({ params: { path: { roundId: String(roundId), unitCode } } });

/** The PAR round endpoints, through the one generated client. */
export const parApi = {
  rounds: () => call(http.GET('/api/par/rounds')),
  criteriaSets: () => call(http.GET('/api/par/criteria-sets')),
  round: (id: number) => call(http.GET('/api/par/rounds/{roundId}', round(id))),
  sheets: (id: number) => call(http.GET('/api/par/rounds/{roundId}/sheets', round(id))),
  sheet: (id: number, unitCode: string) => call(http.GET('/api/par/rounds/{roundId}/sheets/{unitCode}', sheet(id, unitCode))),
  saveSelf: (id: number, unitCode: string, rows: ParSelfRow[]) => call(http.PUT('/api/par/rounds/{roundId}/sheets/{unitCode}', { ...sheet(id, unitCode), body: { rows } })),
  submit: (id: number, unitCode: string) => call(http.POST('/api/par/rounds/{roundId}/sheets/{unitCode}/submit', sheet(id, unitCode))),
  appraise: (id: number, unitCode: string, rows: ParAppraisalRow[]) => call(http.PUT('/api/par/rounds/{roundId}/sheets/{unitCode}/appraisal', { ...sheet(id, unitCode), body: { rows } })),
  explain: (id: number, unitCode: string, rows: Array<{ code: string; explanation: string }>) =>
    call(http.PUT('/api/par/rounds/{roundId}/sheets/{unitCode}/explanation', { ...sheet(id, unitCode), body: { rows } })),
  finalize: (id: number, unitCode: string) => call(http.POST('/api/par/rounds/{roundId}/sheets/{unitCode}/finalize', sheet(id, unitCode))),
  addAdjustment: (id: number, unitCode: string, body: ParAdjustmentInput) => call(http.POST('/api/par/rounds/{roundId}/sheets/{unitCode}/adjustments', { ...sheet(id, unitCode), body })),
  removeAdjustment: (id: number, unitCode: string, adjustmentId: number) =>
    call(http.DELETE('/api/par/rounds/{roundId}/sheets/{unitCode}/adjustments/{id}', { params: { path: { roundId: String(id), unitCode, id: String(adjustmentId) } } })),
  results: (id: number) => call(http.GET('/api/par/rounds/{roundId}/results', round(id))),
  publish: (id: number) => call(http.POST('/api/par/rounds/{roundId}/publish', round(id))),
};

/** A raw-body upload (the file as it is; the server checks its content), with the bearer token. */
export async function uploadEvidence(roundId: number, unitCode: string, row: string, file: File): Promise<void> {
  const token = tokenStore.get();
  const res = await fetch(`/api/par/rounds/${roundId}/sheets/${unitCode}/evidence?row=${encodeURIComponent(row)}&name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  if (!res.ok) {
    const b = (await res.json().catch(() => null)) as { message?: string; messageEn?: string; error?: string; field?: string } | null;
    throw new ApiError(res.status, b?.error ?? `http_${res.status}`, b?.message ?? `Lỗi ${res.status}`, b?.messageEn ?? `Error ${res.status}`, b?.field);
  }
}

/**
 * A criteria workbook (as downloaded) as draft `version`: the file as it is, checked by the server. A dry
 * run saves nothing; a refusal is an ApiError whose `details.problems` names each faulty row.
 */
export async function uploadCriteriaXlsx(file: File, version: string, dryRun: boolean): Promise<ParCriteriaImportResult> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(`/api/par/criteria-sets/import?version=${encodeURIComponent(version)}&dryRun=${dryRun}`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  } catch (e) {
    throw ApiError.network(e);
  }
  const b = (await res.json().catch(() => null)) as (ParCriteriaImportResult & { message?: string; messageEn?: string; error?: string; field?: string; details?: unknown }) | null;
  if (res.ok && b) return b;
  throw new ApiError(res.status, b?.error ?? `http_${res.status}`, b?.message ?? `Lỗi ${res.status}`, b?.messageEn ?? `Error ${res.status}`, b?.field, b?.details);
}

/** Survey scores from a CSV or XLSX file (column A: commune code, B: percent), all or nothing. */
export async function uploadSurvey(roundId: number, file: File): Promise<{ updated: number }> {
  const token = tokenStore.get();
  const xlsx = file.name.toLowerCase().endsWith('.xlsx');
  const res = await fetch(`/api/par/rounds/${roundId}/survey/import`, {
    method: 'POST',
    headers: { 'content-type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  const b = (await res.json().catch(() => null)) as { updated?: number; message?: string; messageEn?: string; error?: string; field?: string } | null;
  if (!res.ok) throw new ApiError(res.status, b?.error ?? `http_${res.status}`, b?.message ?? `Lỗi ${res.status}`, b?.messageEn ?? `Error ${res.status}`, b?.field);
  return { updated: b?.updated ?? 0 };
}

const SHEET_STATUS_COLOR: Record<ParSheetStatusCode, string> = {
  draft: 'default',
  submitted: 'blue',
  appraised: 'cyan',
  explaining: 'orange',
  explained: 'gold',
  reappraised: 'purple',
  final: 'green',
};

/** Labels from the shared vocabulary; colours are the screen's own. */
export const SHEET_STATUS_VI: Record<string, { label: string; color: string }> = Object.fromEntries(
  PAR_SHEET_STATUSES.map((s) => [s, { label: PAR_SHEET_STATUS_LABELS[s].vi, color: SHEET_STATUS_COLOR[s] }]),
);

export const BAND_COLOR = (band: string, bands: Array<{ name: string; min: number }>): string => {
  const order = [...bands].sort((a, b) => b.min - a.min).map((b) => b.name);
  return ['green', 'blue', 'gold', 'red', 'default'][Math.min(order.indexOf(band), 4)] ?? 'default';
};

/** Fetches a file through the API (with the token) and hands it to the browser as a download. */
export async function saveDownload(url: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await download(url, () => undefined);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename ?? fallbackName;
  a.click();
  const href = a.href;
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
