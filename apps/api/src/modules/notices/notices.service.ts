import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueueService } from '../../queue/queue.service';
import { QueueName } from '../../queue/queue.constants';
import { todayInVietnam } from '../units/unit-trees';
import { User } from '../users/entities/user.entity';
import { EmailState, Notice, NoticeKind } from './entities/notice.entity';
import { MailerService } from './mailer.service';

export interface NoticeText {
  vi: string;
  en: string;
}

export interface NotifyOptions {
  unitCode?: string | null;
  periodId?: string | null;
  /** E-mail this recipient's notice in the next daily digest rather than now. */
  digest?: (user: User) => Promise<boolean>;
  at?: Date;
}

/** Vietnam midnight of the day holding `at`, as an instant. */
export function vietnamDayStart(at: Date): Date {
  return new Date(`${todayInVietnam(at)}T00:00:00+07:00`);
}

/**
 * Notices: written per recipient (the in-app inbox), then e-mailed through the queue — a failed send
 * is retried by the queue and never holds up the request that caused the notice.
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger('Notices');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueueService,
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Active accounts holding `role` for `unitCode` (administrators: `unitCode` null). */
  async usersWithRole(role: 'officer' | 'reviewer' | 'administrator', unitCodes: string[] | null): Promise<User[]> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').where('u.active = :a', { a: true });
    // roles is a canonical comma list of whole words; none of them contains another.
    qb.andWhere('u.roles LIKE :r', { r: `%${role}%` });
    if (unitCodes) {
      if (unitCodes.length === 0) return [];
      qb.andWhere('u.unit_code IN (:...codes)', { codes: unitCodes });
    }
    return qb.orderBy('u.id', 'ASC').getMany();
  }

  /** The reviewers of a unit's reports: reviewers of its parent, or the administrators above a province. */
  reviewersFor(reviewingUnitCode: string | null): Promise<User[]> {
    return reviewingUnitCode ? this.usersWithRole('reviewer', [reviewingUnitCode]) : this.usersWithRole('administrator', null);
  }

  private emailStateFor(user: User): EmailState {
    return this.mailer.enabled && user.email && user.emailNotices ? 'pending' : 'skipped';
  }

  /** One notice per recipient; e-mails queued after the rows are written. */
  async notify(recipients: User[], kind: NoticeKind, text: NoticeText, opts: NotifyOptions = {}): Promise<Notice[]> {
    if (recipients.length === 0) return [];
    const at = opts.at ?? new Date();
    const rows: Notice[] = [];
    for (const user of recipients) {
      let state = this.emailStateFor(user);
      if (state === 'pending' && opts.digest && (await opts.digest(user))) state = 'digest';
      rows.push(
        Object.assign(new Notice(), {
          userId: user.id, kind, unitCode: opts.unitCode ?? null, periodId: opts.periodId ?? null, textVi: text.vi, textEn: text.en,
          createdAt: at, readAt: null, emailState: state, emailedAt: null,
        }),
      );
    }
    const saved = await this.dataSource.getRepository(Notice).save(rows, { chunk: 200 });
    await this.queueEmails(saved.filter((n) => n.emailState === 'pending').map((n) => [n.id]));
    return saved;
  }

  /** Enqueue failures leave the notices pending; the reminders pass queues them again. */
  private async queueEmails(groups: number[][]): Promise<void> {
    for (const noticeIds of groups) {
      await this.queue.enqueue(QueueName.NoticeEmail, { noticeIds }).catch((e: Error) => this.logger.warn(`e-mail of notice ${noticeIds[0]} not queued yet: ${e.message}`));
    }
  }

  /** How many notices of `kind` the user got since the Vietnam day began (for the digest rule). */
  countToday(userId: number, kind: NoticeKind, at: Date): Promise<number> {
    return this.dataSource
      .getRepository(Notice)
      .createQueryBuilder('n')
      .where('n.user_id = :u AND n.kind = :k AND n.created_at >= :from', { u: userId, k: kind, from: vietnamDayStart(at) })
      .getCount();
  }

  /** The daily digests: every recipient's notices waiting for one, from before today, in one e-mail each. */
  async sendDigests(at: Date): Promise<number> {
    const waiting = await this.dataSource.getRepository(Notice).find({
      select: ['id', 'userId'],
      where: { emailState: 'digest', createdAt: LessThan(vietnamDayStart(at)) },
      order: { id: 'ASC' },
    });
    const byUser = new Map<number, number[]>();
    for (const n of waiting) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n.id]);
    await this.queueEmails([...byUser.values()]);
    return byUser.size;
  }

  /** Notices whose e-mail was never queued (Redis was down): queue them again. */
  async requeuePending(olderThanMs: number, at: Date): Promise<number> {
    const stuck = await this.dataSource.getRepository(Notice).find({
      select: ['id'],
      where: { emailState: 'pending', createdAt: LessThan(new Date(at.getTime() - olderThanMs)) },
      order: { id: 'ASC' },
      take: 1000,
    });
    await this.queueEmails(stuck.map((n) => [n.id]));
    return stuck.length;
  }

  /** The e-mail job: sends the notices (one, or a digest) to their recipient and records the outcome. */
  async deliver(noticeIds: number[]): Promise<void> {
    const repo = this.dataSource.getRepository(Notice);
    const notices = await repo.find({ where: { id: In(noticeIds), emailState: In(['pending', 'digest']) }, order: { id: 'ASC' } });
    if (notices.length === 0) return;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: notices[0].userId } });
    const ids = notices.map((n) => n.id);
    if (!user || !user.active || !user.email || !user.emailNotices || !this.mailer.enabled) {
      await repo.update({ id: In(ids) }, { emailState: 'skipped' });
      return;
    }
    const en = user.locale === 'en';
    const texts = notices.map((n) => (en ? n.textEn : n.textVi));
    const subject =
      notices.length === 1
        ? `[CCHC] ${firstSentence(texts[0])}`
        : en
          ? `[CCHC] ${notices.length} notices`
          : `[CCHC] Tổng hợp ${notices.length} thông báo`;
    const footer = en
      ? '\n\n— Administrative reform reporting. You can turn these e-mails off in your notice settings.'
      : '\n\n— Hệ thống báo cáo CCHC. Có thể tắt thư này trong phần cài đặt thông báo.';
    await this.mailer.send({ to: user.email, subject, text: texts.map((t) => `• ${t}`).join('\n\n') + footer });
    await repo.update({ id: In(ids) }, { emailState: 'sent', emailedAt: new Date() });
  }

  async markFailed(noticeIds: number[]): Promise<void> {
    await this.dataSource.getRepository(Notice).update({ id: In(noticeIds), emailState: In(['pending', 'digest']) }, { emailState: 'failed' });
  }

  // ── The inbox ──

  list(userId: number, opts: { unreadOnly?: boolean; limit?: number; beforeId?: number }): Promise<Notice[]> {
    const qb = this.dataSource.getRepository(Notice).createQueryBuilder('n').where('n.user_id = :u', { u: userId });
    if (opts.unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (opts.beforeId) qb.andWhere('n.id < :b', { b: opts.beforeId });
    return qb.orderBy('n.id', 'DESC').take(Math.min(Math.max(opts.limit ?? 50, 1), 200)).getMany();
  }

  unreadCount(userId: number): Promise<number> {
    return this.dataSource.getRepository(Notice).createQueryBuilder('n').where('n.user_id = :u AND n.read_at IS NULL', { u: userId }).getCount();
  }

  /** Marks the caller's own notices read (another user's id changes nothing); returns how many changed. */
  async markRead(userId: number, ids: number[] | 'all'): Promise<number> {
    const qb = this.dataSource
      .getRepository(Notice)
      .createQueryBuilder()
      .update(Notice)
      .set({ readAt: new Date() })
      .where('user_id = :u AND read_at IS NULL', { u: userId });
    if (ids !== 'all') {
      if (ids.length === 0) return 0;
      qb.andWhere('id IN (:...ids)', { ids });
    }
    const r = await qb.execute();
    return r.affected ?? 0;
  }

  get digestAfter(): number {
    return this.config.notices.digestAfter;
  }
}

function firstSentence(text: string): string {
  const s = text.split(/(?<=[.!?])\s/)[0] ?? text;
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}
