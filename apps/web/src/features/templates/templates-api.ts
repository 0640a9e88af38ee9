import type { Template } from '@cchc/shared';
import { ApiError } from '../../api/api-error';
import { api, call, http } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { tokenStore } from '../../api/token-store';

type Schemas = components['schemas'];
export type TemplateVersionInfo = Schemas['TemplateVersionInfoDto'];
export type TemplateDiff = Schemas['TemplateDiffDto'];
export type SchemeVersionInfo = Schemas['SchemeVersionInfoDto'];
export type TemplateUploadResult = Schemas['TemplateUploadResultDto'];
export type TemplateSheetIssue = Schemas['TemplateSheetIssueDto'];
export type Ranking = Schemas['RankingResponseDto'];

const v = (version: string) => ({ params: { path: { version } } });

/** The administrator's instruments: template versions and scoring schemes, drafts to publish. */
export const templatesApi = {
  list: () => call(http.GET('/api/templates')),
  get: (version: string): Promise<Template> => api.template(version),
  diff: (a: string, b: string) => call(http.GET('/api/templates/{a}/diff/{b}', { params: { path: { a, b } } })),
  publish: (version: string) => call(http.POST('/api/templates/{version}/publish', v(version))),
  remove: (version: string) => call(http.DELETE('/api/templates/{version}', v(version))),
  xlsxPath: (version: string) => `/templates/${encodeURIComponent(version)}/xlsx`,
  schemes: () => call(http.GET('/api/scoring-schemes')),
  publishScheme: (version: string) => call(http.POST('/api/scoring-schemes/{version}/publish', v(version))),
  /** A ranking as stored, or (`scheme`) computed live with a draft scheme, writing nothing. */
  ranking: (unitCode: string, period: string, scheme?: string) =>
    call(http.GET('/api/rankings/{unitCode}/{period}', { params: { path: { unitCode, period }, query: { scope: 'communes', ...(scheme ? { scheme } : {}) } } })),
};

/**
 * The workbook as a form's "file" part, as a browser uploads a file (the server reads it under the
 * import's limits). A dry run answers the checks, errors included, and writes nothing; otherwise the
 * draft is created or a 400 lists the errors.
 */
export async function uploadTemplateXlsx(file: File, opts: { dryRun: boolean; version?: string }): Promise<TemplateUploadResult> {
  const q = new URLSearchParams({ dryRun: String(opts.dryRun), ...(opts.version ? { version: opts.version } : {}) });
  const token = tokenStore.get();
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    // No Content-Type of our own: the browser writes multipart/form-data with its boundary.
    res = await fetch(`/api/templates/xlsx?${q}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
  } catch (e) {
    throw ApiError.network(e);
  }
  const body = (await res.json().catch(() => null)) as (TemplateUploadResult & { message?: string; messageEn?: string; error?: string; field?: string; details?: TemplateUploadResult }) | null;
  if (res.ok && body) return body;
  // Not a dry run, with errors: the answer carries the same result under details.
  if (res.status === 400 && body?.details?.issues) return body.details;
  throw new ApiError(res.status, body?.error ?? `http_${res.status}`, body?.message ?? `Máy chủ trả lỗi ${res.status}.`, body?.messageEn ?? `The server answered ${res.status}.`, body?.field, body?.details);
}
