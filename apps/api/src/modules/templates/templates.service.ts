import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import {
  BUILT_IN_TEMPLATES,
  UnknownTemplateError,
  diffTemplates,
  templateIssuesSummary,
  validateTemplate,
  type Template,
  type TemplateDiff,
} from '@cchc/shared';
import { badRequest, conflict, notFound } from '../../common/api-error';
import { TemplateVersionRow, type InstrumentStatus } from './entities/template-version.entity';

export interface TemplateVersionInfo {
  version: string;
  year: number;
  title: string;
  status: InstrumentStatus;
  createdAt: Date;
  publishedAt: Date | null;
}

const info = (r: TemplateVersionRow): TemplateVersionInfo => ({
  version: r.version,
  year: r.year,
  title: r.title,
  status: r.status,
  createdAt: r.createdAt,
  publishedAt: r.publishedAt,
});

/**
 * Template versions as data. Published versions never change, so each process keeps every one it
 * has read for good (a version published by another process is read from the database on first use).
 */
@Injectable()
export class TemplatesService implements OnModuleInit {
  private readonly published = new Map<string, Template>();

  constructor(@InjectRepository(TemplateVersionRow) private readonly rows: Repository<TemplateVersionRow>) {}

  /** A database made before templates were data, or by synchronize in a test, gets the built-ins here. */
  async onModuleInit(): Promise<void> {
    for (const t of BUILT_IN_TEMPLATES) {
      if (await this.rows.exist({ where: { version: t.version } })) continue;
      const now = new Date();
      await this.rows
        .insert({ version: t.version, year: t.year, title: t.title, status: 'published', document: JSON.stringify(t), createdAt: now, publishedAt: now })
        .catch(async (e: unknown) => {
          // Another process inserted it first.
          if (!(await this.rows.exist({ where: { version: t.version } }))) throw e;
        });
    }
  }

  async list(): Promise<TemplateVersionInfo[]> {
    const rows = await this.rows.find({ select: ['version', 'year', 'title', 'status', 'createdAt', 'publishedAt'], order: { year: 'DESC', createdAt: 'DESC' } });
    return rows.map(info);
  }

  /** A published version, for reports and everything computed from them; throws when it is not one. Inside a transaction, pass its `em` (a miss is read through it). */
  async getPublished(version: string, em?: EntityManager): Promise<Template> {
    const hit = this.published.get(version);
    if (hit) return hit;
    const row = await (em ? em.getRepository(TemplateVersionRow) : this.rows).findOne({ where: { version } });
    if (!row || row.status !== 'published') throw new UnknownTemplateError(version);
    const t = JSON.parse(row.document) as Template;
    this.published.set(version, t);
    return t;
  }

  /** The version a period row binds (a row written before binding existed: the newest published). */
  forPeriod(period: { templateVersion: string | null }): Promise<Template> {
    return period.templateVersion ? this.getPublished(period.templateVersion) : this.latestPublished();
  }

  /** The cached published version, if this process has read it (for synchronous callers that loaded it first). */
  cachedPublished(version: string): Template | undefined {
    return this.published.get(version);
  }

  /** The newest published version (highest year, then last published): what a newly opened period binds. */
  async latestPublished(): Promise<Template> {
    const row = await this.rows.findOne({ where: { status: 'published' }, order: { year: 'DESC', publishedAt: 'DESC' } });
    if (!row) throw new UnknownTemplateError('(none published)');
    return this.getPublished(row.version);
  }

  /** Any version with its status (drafts are for administrators). */
  async getOrThrow(version: string): Promise<{ template: Template; status: InstrumentStatus }> {
    const hit = this.published.get(version);
    if (hit) return { template: hit, status: 'published' };
    const row = await this.rows.findOne({ where: { version } });
    if (!row) throw notFound(`Không có biểu mẫu phiên bản "${version}".`, `No template version "${version}".`, 'version');
    const template = JSON.parse(row.document) as Template;
    if (row.status === 'published') this.published.set(version, template);
    return { template, status: row.status };
  }

  async isPublished(version: string): Promise<boolean> {
    if (this.published.has(version)) return true;
    return this.rows.exist({ where: { version, status: 'published' } });
  }

  /** Checks a document; 400 naming every faulty row. */
  check(body: unknown): Template {
    const v = validateTemplate(body);
    if (!v.ok) {
      const first = v.issues[0];
      throw badRequest(
        first.section === 'document' ? first.field : `${first.section}[${(first.row ?? 1) - 1}].${first.field}`,
        `Biểu mẫu không hợp lệ: ${templateIssuesSummary(v.issues, 'vi')}`,
        `Invalid template: ${templateIssuesSummary(v.issues, 'en')}`,
        { issues: v.issues },
      );
    }
    return v.template;
  }

  async createDraft(body: unknown): Promise<Template> {
    const t = this.check(body);
    if (await this.rows.exist({ where: { version: t.version } })) {
      throw conflict('version_exists', `Phiên bản "${t.version}" đã có; hãy đặt mã phiên bản mới.`, `Version "${t.version}" already exists.`);
    }
    await this.rows.insert({ version: t.version, year: t.year, title: t.title, status: 'draft', document: JSON.stringify(t), createdAt: new Date(), publishedAt: null });
    return t;
  }

  /** Replaces a draft's document (the version id in the body must be the same). */
  async replaceDraft(version: string, body: unknown): Promise<Template> {
    const t = this.check(body);
    if (t.version !== version) throw badRequest('version', `Mã phiên bản trong nội dung ("${t.version}") khác với địa chỉ ("${version}").`, `The body's version "${t.version}" differs from the path's "${version}".`);
    await this.draftOrThrow(version);
    const res = await this.rows.update({ version, status: 'draft' }, { year: t.year, title: t.title, document: JSON.stringify(t) });
    if (!res.affected) throw this.immutable(version);
    return t;
  }

  async publish(version: string): Promise<TemplateVersionInfo> {
    await this.draftOrThrow(version);
    // The status condition makes two concurrent publishes (or a publish racing a delete) settle once.
    const res = await this.rows.update({ version, status: 'draft' }, { status: 'published', publishedAt: new Date() });
    if (!res.affected) throw this.immutable(version);
    const row = await this.rows.findOneOrFail({ where: { version } });
    return info(row);
  }

  async removeDraft(version: string): Promise<void> {
    await this.draftOrThrow(version);
    const res = await this.rows.delete({ version, status: 'draft' });
    if (!res.affected) throw this.immutable(version);
  }

  async diff(a: string, b: string): Promise<TemplateDiff> {
    const [from, to] = await Promise.all([this.getOrThrow(a), this.getOrThrow(b)]);
    return diffTemplates(from.template, to.template);
  }

  private async draftOrThrow(version: string): Promise<void> {
    const row = await this.rows.findOne({ where: { version }, select: ['version', 'status'] });
    if (!row) throw notFound(`Không có biểu mẫu phiên bản "${version}".`, `No template version "${version}".`, 'version');
    if (row.status !== 'draft') throw this.immutable(version);
  }

  private immutable(version: string) {
    return conflict(
      'template_published',
      `Biểu mẫu "${version}" đã ban hành nên không thể sửa hoặc xóa; hãy tạo phiên bản mới.`,
      `Template "${version}" is published and cannot be changed or deleted; create a new version.`,
    );
  }
}
