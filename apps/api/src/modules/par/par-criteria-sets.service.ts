import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { criteriaSetFromSheet, mayAuthorParCriteria, validateCriteriaSet, type ParCriteriaSet } from '@cchc/shared';
import { Repository } from 'typeorm';
import { ApiError, badRequest, conflict, notFound } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { readLimited } from './par-http';
import { readCriteriaXlsx, writeCriteriaXlsx } from './documents/criteria-xlsx';
import { ParCriteriaSetRow } from './entities/par-criteria-set.entity';
import { ParRound } from './entities/par-round.entity';

export interface CriteriaSetView {
  version: string;
  title: string;
  status: 'draft' | 'published';
  maxPoints: number;
  demo: boolean;
  usedByRounds: number;
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  document: ParCriteriaSet;
}

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const CRITERIA_XLSX_MAX_BYTES = 2 * 1_048_576;

export interface CriteriaImportResult {
  dryRun: boolean;
  version: string;
  title: string;
  maxPoints: number;
  domains: number;
  subCriteria: number;
  /** The saved draft; null on a dry run. */
  saved: CriteriaSetView | null;
}

/** Criteria sets as data: a draft may be replaced; publishing freezes it; a round binds a published one. */
@Injectable()
export class ParCriteriaSetsService {
  private readonly parsed = new Map<string, ParCriteriaSet>();

  constructor(
    @InjectRepository(ParCriteriaSetRow) private readonly sets: Repository<ParCriteriaSetRow>,
    @InjectRepository(ParRound) private readonly rounds: Repository<ParRound>,
  ) {}

  private assertAuthor(user: AuthUser): void {
    if (!mayAuthorParCriteria(user)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Chỉ quản trị viên hoặc cán bộ thẩm định cấp tỉnh được soạn bộ tiêu chí.', 'Only administrators or provincial reviewers author criteria sets.');
    }
  }

  private async view(row: ParCriteriaSetRow): Promise<CriteriaSetView> {
    const document = this.documentOf(row);
    return {
      version: row.version,
      title: row.title,
      status: row.status,
      maxPoints: row.maxPoints,
      demo: document.demo,
      usedByRounds: await this.rounds.count({ where: { criteriaVersion: row.version } }),
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      document,
    };
  }

  private documentOf(row: ParCriteriaSetRow): ParCriteriaSet {
    // Published sets never change, so their parsed form is kept; a draft is read afresh.
    const hit = row.status === 'published' ? this.parsed.get(row.version) : undefined;
    if (hit) return hit;
    const doc = JSON.parse(row.document) as ParCriteriaSet;
    if (row.status === 'published') this.parsed.set(row.version, doc);
    return doc;
  }

  async list(): Promise<CriteriaSetView[]> {
    const rows = await this.sets.find({ order: { createdAt: 'DESC', version: 'ASC' } });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async getRow(version: string): Promise<ParCriteriaSetRow> {
    const row = VERSION.test(version) ? await this.sets.findOne({ where: { version } }) : null;
    if (!row) throw notFound(`Không có bộ tiêu chí phiên bản "${version}".`, `No criteria set "${version}".`, 'version');
    return row;
  }

  async get(version: string): Promise<CriteriaSetView> {
    return this.view(await this.getRow(version));
  }

  /** The published document a round uses. */
  async published(version: string): Promise<ParCriteriaSet> {
    const row = await this.getRow(version);
    if (row.status !== 'published') {
      throw conflict('par_criteria_draft', `Bộ tiêu chí "${version}" chưa được ban hành.`, `Criteria set "${version}" is not published.`);
    }
    return this.documentOf(row);
  }

  /** The checks a draft passes before it is written (shared by the JSON route and the XLSX import, dry run or not). */
  private async checkDraft(user: AuthUser, version: unknown, document: unknown): Promise<{ version: string; set: ParCriteriaSet; maxPoints: number; existing: ParCriteriaSetRow | null }> {
    this.assertAuthor(user);
    if (typeof version !== 'string' || !VERSION.test(version)) {
      throw badRequest('version', 'Phiên bản chỉ gồm chữ, số, dấu chấm, gạch (tối đa 32 ký tự), ví dụ "hn-2025".', 'version: letters, digits, . _ - (max 32).');
    }
    const v = validateCriteriaSet(document);
    if (!v.ok) {
      const first = v.problems[0];
      throw badRequest(`document.${first.path}`, `Bộ tiêu chí chưa hợp lệ: ${first.vi}`, `Invalid criteria set: ${first.en}`, { problems: v.problems });
    }
    const existing = await this.sets.findOne({ where: { version } });
    if (existing?.status === 'published') {
      throw conflict('par_criteria_published', `Bộ tiêu chí "${version}" đã ban hành, không sửa được; hãy tạo phiên bản mới.`, `Criteria set "${version}" is published and immutable.`);
    }
    return { version, set: v.set, maxPoints: v.maxPoints, existing };
  }

  /** Creates a draft, or replaces a draft of the same version; a published version is never replaced. */
  async saveDraft(user: AuthUser, version: unknown, document: unknown): Promise<CriteriaSetView> {
    const d = await this.checkDraft(user, version, document);
    const row = this.sets.create({
      version: d.version,
      title: d.set.title,
      status: 'draft',
      document: JSON.stringify(d.set),
      maxPoints: d.maxPoints,
      createdBy: user.username,
      createdAt: d.existing?.createdAt ?? new Date(),
      publishedAt: null,
    });
    await this.sets.save(row);
    return this.view(row);
  }

  /** A version as the workbook the import reads back. */
  async xlsx(version: string): Promise<{ name: string; bytes: Buffer }> {
    const row = await this.getRow(version);
    return { name: `bo-tieu-chi-${row.version}.xlsx`, bytes: await writeCriteriaXlsx(this.documentOf(row), row.version) };
  }

  /** A version as the JSON the POST route takes back ({ version, document }). */
  async json(version: string): Promise<{ name: string; bytes: Buffer }> {
    const row = await this.getRow(version);
    return { name: `bo-tieu-chi-${row.version}.json`, bytes: Buffer.from(JSON.stringify({ version: row.version, document: this.documentOf(row) }, null, 2)) };
  }

  /** An uploaded workbook as a draft: every row's problem reported (400, nothing saved); a dry run saves nothing either way. */
  async importXlsx(user: AuthUser, version: unknown, dryRun: boolean, body: unknown, declared?: number): Promise<CriteriaImportResult> {
    this.assertAuthor(user);
    const cells = await readCriteriaXlsx(await readLimited(body, CRITERIA_XLSX_MAX_BYTES, declared));
    const read = criteriaSetFromSheet(cells.rows, cells.info);
    if (!read.ok) {
      const first = read.problems[0];
      const more = read.problems.length > 1 ? ` (và ${read.problems.length - 1} lỗi khác)` : '';
      throw badRequest(`rows[${first.row}]`, `Sheet "${first.sheet}", ${first.vi.startsWith('Dòng') ? '' : `dòng ${first.row}: `}${first.vi}${more}`, `Sheet "${first.sheet}", row ${first.row}: ${first.en}`, { problems: read.problems });
    }
    const d = await this.checkDraft(user, version, read.document);
    const summary = { version: d.version, title: d.set.title, maxPoints: d.maxPoints, domains: d.set.domains.length, subCriteria: d.set.domains.reduce((a, x) => a + x.criteria.reduce((b, c) => b + c.subCriteria.length, 0), 0) };
    if (dryRun) return { dryRun: true, ...summary, saved: null };
    return { dryRun: false, ...summary, saved: await this.saveDraft(user, d.version, read.document) };
  }

  async publish(user: AuthUser, version: string): Promise<CriteriaSetView> {
    this.assertAuthor(user);
    const row = await this.getRow(version);
    if (row.status === 'published') return this.view(row);
    // Only a draft moves, so two concurrent publishes cannot both write.
    await this.sets.update({ version, status: 'draft' }, { status: 'published', publishedAt: new Date() });
    return this.view(await this.getRow(version));
  }
}
