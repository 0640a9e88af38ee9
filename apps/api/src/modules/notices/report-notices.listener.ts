import { Injectable, OnModuleInit } from '@nestjs/common';
import { periodLabel } from '@cchc/shared';
import { ReportEvent, ReportEvents } from '../reports/report-events';
import { NoticesService, NoticeText } from './notices.service';

/** What a workflow step tells whom: officers hear about their report, reviewers about submissions. */
export function reportNoticeText(e: ReportEvent): NoticeText {
  const vi = `báo cáo ${periodLabel(e.periodId, 'vi')} của ${e.unitName}`;
  const en = `the ${periodLabel(e.periodId, 'en')} report of ${e.unitName}`;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  switch (e.action) {
    case 'return':
      return {
        vi: `${cap(vi)} bị trả lại để chỉnh sửa.${e.comment ? ` Ý kiến của người thẩm định: ${e.comment}` : ''}`,
        en: `${cap(en)} was returned for correction.${e.comment ? ` Reviewer's comment: ${e.comment}` : ''}`,
      };
    case 'approve':
      return { vi: `${cap(vi)} đã được duyệt.`, en: `${cap(en)} was approved.` };
    case 'reopen':
      return {
        vi: `${cap(vi)} đã được mở lại để chỉnh sửa và nộp lại.${e.comment ? ` Lý do: ${e.comment}` : ''}`,
        en: `${cap(en)} was reopened to be corrected and submitted again.${e.comment ? ` Reason: ${e.comment}` : ''}`,
      };
    case 'submit':
      return { vi: `${e.unitName} đã nộp ${vi.replace(/ của .*$/, '')}, đang chờ duyệt.`, en: `${e.unitName} submitted its ${periodLabel(e.periodId, 'en')} report; it awaits review.` };
  }
}

const KIND = { return: 'returned', approve: 'approved', reopen: 'reopened', submit: 'submitted' } as const;

/** Subscribes to the reports module's events (reports never imports notices). */
@Injectable()
export class ReportNoticesListener implements OnModuleInit {
  constructor(
    private readonly events: ReportEvents,
    private readonly notices: NoticesService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((e) => this.handle(e));
  }

  async handle(e: ReportEvent): Promise<void> {
    const text = reportNoticeText(e);
    const opts = { unitCode: e.unitCode, periodId: e.periodId, at: e.at };
    if (e.action === 'submit') {
      const reviewers = await this.notices.reviewersFor(e.reviewingUnitCode);
      // Many submissions in a day: the first few are e-mailed at once, the rest in the next day's digest (in-app: all at once).
      const digest = async (u: { id: number }) => (await this.notices.countToday(u.id, 'submitted', e.at)) >= this.notices.digestAfter;
      await this.notices.notify(reviewers, 'submitted', text, { ...opts, digest });
      return;
    }
    const officers = await this.notices.usersWithRole('officer', [e.unitCode]);
    await this.notices.notify(officers, KIND[e.action], text, opts);
  }
}
