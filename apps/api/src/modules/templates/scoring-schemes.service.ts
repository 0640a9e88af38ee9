import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BUILT_IN_SCHEMES, validateScheme, type ScoringScheme, type Template } from '@cchc/shared';
import { badRequest, conflict, notFound } from '../../common/api-error';
import { selectWhereIn } from '../../database/select-rows';
import type { InstrumentStatus } from './entities/template-version.entity';
import { ScoringSchemeRow } from './entities/scoring-scheme.entity';
import { TemplatesService } from './templates.service';

/** The version a period carries while its template has no published scheme: nothing is scored. */
export const UNSCORED = 'none';

export interface SchemeVersionInfo {
  version: string;
  templateVersion: string;
  title: string;
  status: InstrumentStatus;
  createdAt: Date;
  publishedAt: Date | null;
}

const info = (r: ScoringSchemeRow): SchemeVersionInfo => ({
  version: r.version,
  templateVersion: r.templateVersion,
  title: r.title,
  status: r.status,
  createdAt: r.createdAt,
  publishedAt: r.publishedAt,
});

/**
 * Scoring schemes as data, each for one template version. Published schemes never change and are
 * kept per process for good; which scheme a period uses is its own choice or, when it names none,
 * the newest published for its template (so a newly published scheme is used by the next rollup).
 */
@Injectable()
export class ScoringSchemesService implements OnModuleInit {
  private readonly published = new Map<string, ScoringScheme>();

  constructor(
    @InjectRepository(ScoringSchemeRow) private readonly rows: Repository<ScoringSchemeRow>,
    private readonly templates: TemplatesService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const s of BUILT_IN_SCHEMES) {
      if (await this.rows.exists({ where: { version: s.version } })) continue;
      const now = new Date();
      await this.rows
        .insert({ version: s.version, templateVersion: s.templateVersion, title: s.title ?? s.version, status: 'published', document: JSON.stringify(s), createdAt: now, publishedAt: now })
        .catch(async (e: unknown) => {
          if (!(await this.rows.exists({ where: { version: s.version } }))) throw e;
        });
    }
  }

  async list(): Promise<SchemeVersionInfo[]> {
    const rows = await this.rows.find({ select: ['version', 'templateVersion', 'title', 'status', 'createdAt', 'publishedAt'], order: { createdAt: 'DESC' } });
    return rows.map(info);
  }

  async getPublished(version: string): Promise<ScoringScheme> {
    const hit = this.published.get(version);
    if (hit) return hit;
    const row = await this.rows.findOne({ where: { version } });
    if (!row || row.status !== 'published') throw notFound(`Không có cách chấm điểm "${version}" đã ban hành.`, `No published scoring scheme "${version}".`, 'scheme');
    const s = JSON.parse(row.document) as ScoringScheme;
    this.published.set(version, s);
    return s;
  }

  /** The newest published scheme for a template version (null when it has none). */
  async latestFor(templateVersion: string): Promise<ScoringScheme | null> {
    // Every rollup pass asks (a scheme published meanwhile is used at once): one plain indexed read.
    const e = (c: string) => this.rows.manager.connection.driver.escape(c);
    const newest = ` ORDER BY ${e('published_at')} DESC, ${e('version')} DESC LIMIT 1`;
    const rows = await selectWhereIn<{ version: string }>(this.rows.manager, 'scoring_schemes', ['version'], { template_version: templateVersion }, 'status', ['published'], newest);
    return rows[0] ? this.getPublished(rows[0].version) : null;
  }

  /**
   * The scheme a period is scored with: the one it names, else the newest published for its template.
   * A template published before any scheme for it scores nothing (an empty scheme, version "none"):
   * its summaries still roll up, and its rankings list units without scores until a scheme is published.
   */
  async forPeriod(period: { scoringVersion: string | null }, template: Template): Promise<ScoringScheme> {
    if (period.scoringVersion) return this.getPublished(period.scoringVersion);
    return (await this.latestFor(template.version)) ?? { version: UNSCORED, templateVersion: template.version, title: 'Chưa có cách chấm điểm', domains: [] };
  }

  async getOrThrow(version: string): Promise<{ scheme: ScoringScheme; status: InstrumentStatus }> {
    const hit = this.published.get(version);
    if (hit) return { scheme: hit, status: 'published' };
    const row = await this.rows.findOne({ where: { version } });
    if (!row) throw notFound(`Không có cách chấm điểm "${version}".`, `No scoring scheme "${version}".`, 'scheme');
    const scheme = JSON.parse(row.document) as ScoringScheme;
    if (row.status === 'published') this.published.set(version, scheme);
    return { scheme, status: row.status };
  }

  /** Checks a document against its (published) template version; 400 naming every fault. */
  async check(body: unknown): Promise<ScoringScheme> {
    const tv = (body as { templateVersion?: unknown } | null)?.templateVersion;
    if (typeof tv !== 'string' || !(await this.templates.isPublished(tv))) {
      throw badRequest('templateVersion', `Cách chấm điểm phải dành cho một biểu mẫu đã ban hành (templateVersion "${String(tv)}" không có hoặc chưa ban hành).`, `A scheme must name a published template version ("${String(tv)}" is not one).`);
    }
    const v = validateScheme(body, await this.templates.getPublished(tv));
    if (!v.ok) {
      throw badRequest(v.issues[0].field, `Cách chấm điểm không hợp lệ: ${v.issues.map((i) => i.vi).join(' ')}`, `Invalid scoring scheme: ${v.issues.map((i) => i.en).join(' ')}`, { issues: v.issues });
    }
    return v.scheme;
  }

  async createDraft(body: unknown): Promise<ScoringScheme> {
    const s = await this.check(body);
    if (await this.rows.exists({ where: { version: s.version } })) {
      throw conflict('version_exists', `Cách chấm điểm "${s.version}" đã có; hãy đặt mã phiên bản mới.`, `Scheme "${s.version}" already exists.`);
    }
    await this.rows.insert({ version: s.version, templateVersion: s.templateVersion, title: s.title ?? s.version, status: 'draft', document: JSON.stringify(s), createdAt: new Date(), publishedAt: null });
    return s;
  }

  async publish(version: string): Promise<SchemeVersionInfo> {
    await this.draftOrThrow(version);
    const res = await this.rows.update({ version, status: 'draft' }, { status: 'published', publishedAt: new Date() });
    if (!res.affected) throw this.immutable(version);
    return info(await this.rows.findOneOrFail({ where: { version } }));
  }

  async removeDraft(version: string): Promise<void> {
    await this.draftOrThrow(version);
    const res = await this.rows.delete({ version, status: 'draft' });
    if (!res.affected) throw this.immutable(version);
  }

  private async draftOrThrow(version: string): Promise<void> {
    const row = await this.rows.findOne({ where: { version }, select: ['version', 'status'] });
    if (!row) throw notFound(`Không có cách chấm điểm "${version}".`, `No scoring scheme "${version}".`, 'scheme');
    if (row.status !== 'draft') throw this.immutable(version);
  }

  private immutable(version: string) {
    return conflict('scheme_published', `Cách chấm điểm "${version}" đã ban hành nên không thể sửa hoặc xóa; hãy tạo phiên bản mới.`, `Scheme "${version}" is published and cannot be changed or deleted.`);
  }
}
