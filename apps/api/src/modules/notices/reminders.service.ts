import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { formatShortVietnameseDate, mayReviewReport, parseReminderDays, periodLabel, reminderDue } from '@cchc/shared';
import { ApiError, conflict } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isDuplicateKey } from '../reports/report.store';
import { ReportReader } from '../reports/report.reader';
import { Period } from '../periods/entities/period.entity';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { todayInVietnam } from '../units/unit-trees';
import { UnitsService } from '../units/units.service';
import { User } from '../users/entities/user.entity';
import { Reminder, ReminderKind } from './entities/reminder.entity';
import { NoticesService } from './notices.service';

export interface PassResult {
  today: string;
  reminded: number;
  lists: number;
  digests: number;
  requeued: number;
}

export interface ReminderTally {
  unitCode: string;
  count: number;
  lastAt: Date;
  lastKind: ReminderKind;
}

export interface NudgeResult {
  sent: { unitCode: string; unitName: string; recipients: number }[];
  skipped: { unitCode: string; unitName: string; reason: 'already_today' | 'submitted' | 'no_officer' }[];
}

interface Target {
  unit: AdminUnit;
  officers: User[];
}

const SUBMITTED = new Set(['submitted', 'approved']);
/** Key of the late list to the ministry's stand-in (administrators) above provinces. */
const ABOVE_PROVINCES = 'ADMIN';

/**
 * Reminders before and after a deadline and the reviewer's "Nhắc nộp". Every reminder is a row of
 * `reminders`, unique per unit, period, kind and Vietnam day: whichever process inserts it sends it,
 * so a pass run by several workers at once (or twice in a day) reminds each unit once.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
    private readonly units: UnitsService,
    private readonly reports: ReportReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inserts the reminder row; false when this unit already had this reminder today (an earlier pass, or
   * another process). Looked up first so the hourly passes do not fill the log with refused inserts;
   * the unique key settles the rare race between two processes.
   */
  private async record(unitCode: string, periodId: string, kind: ReminderKind, day: string, days: number | null, sentBy: string | null, recipients: number, at: Date): Promise<boolean> {
    const repo = this.dataSource.getRepository(Reminder);
    if (await repo.exists({ where: { unitCode, periodId, kind, sentOn: day } })) return false;
    try {
      await this.dataSource
        .getRepository(Reminder)
        .insert({ unitCode, periodId, kind, sentOn: day, days, sentBy, recipients, createdAt: at });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  /** Units with officer accounts whose report for the period is not submitted (nor approved), with those officers. */
  private async unsubmitted(period: Period, today: string, onlyUnder?: AdminUnit): Promise<Target[]> {
    const officers = (await this.notices.usersWithRole('officer', null)).filter((u) => u.unitCode);
    const byUnit = new Map<string, User[]>();
    for (const o of officers) byUnit.set(o.unitCode!, [...(byUnit.get(o.unitCode!) ?? []), o]);
    const codes = [...byUnit.keys()];
    if (codes.length === 0) return [];
    const units: AdminUnit[] = [];
    const reports = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 500) {
      const chunk = codes.slice(i, i + 500);
      const rows = await this.dataSource
        .getRepository(AdminUnit)
        .createQueryBuilder('u')
        .where('u.code IN (:...c) AND u.valid_from <= :d', { c: chunk, d: today })
        .orderBy('u.valid_from', 'DESC')
        .getMany();
      // The unit in force today, else its latest version (UnitsService.resolve's rule, for many codes at once).
      const seen = new Set<string>();
      for (const r of rows.filter((x) => x.validTo === null || x.validTo >= today).concat(rows)) {
        if (seen.has(r.code)) continue;
        seen.add(r.code);
        units.push(r);
      }
      for (const r of await this.reports.ofUnits(period.id, chunk)) reports.set(r.unitCode, r.status);
    }
    return units
      .filter((u) => !SUBMITTED.has(reports.get(u.code) ?? ''))
      .filter((u) => !onlyUnder || (u.tree === onlyUnder.tree && u.parentCode === onlyUnder.code))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((unit) => ({ unit, officers: byUnit.get(unit.code) ?? [] }));
  }

  /** The scheduled pass: today's reminders for every period that has some due, then the digests. */
  async runPass(at: Date): Promise<PassResult> {
    const today = todayInVietnam(at);
    const result: PassResult = { today, reminded: 0, lists: 0, digests: 0, requeued: 0 };
    const periods = await this.dataSource.getRepository(Period).find({ order: { id: 'ASC' } });
    for (const period of periods) {
      const days = parseReminderDays(period.reminderDays) ?? this.config.notices.reminderDays;
      const due = reminderDue(today, period.deadline, days, this.config.notices.reminderMaxDaysAfter);
      if (!due) continue;
      const targets = await this.unsubmitted(period, today);
      for (const t of targets) {
        const offset = due.kind === 'before' ? due.days : -due.daysLate;
        if (!(await this.record(t.unit.code, period.id, due.kind, today, offset, null, t.officers.length, at))) continue;
        const text = due.kind === 'before' ? beforeText(t.unit, period, due.days) : afterText(t.unit, period, due.daysLate);
        await this.notices.notify(t.officers, due.kind === 'before' ? 'reminder_before' : 'reminder_after', text, { unitCode: t.unit.code, periodId: period.id, at });
        result.reminded++;
      }
      if (due.kind === 'after') {
        // One list a day to each reviewing unit, naming all its late units.
        const byReviewer = new Map<string, AdminUnit[]>();
        for (const t of targets) {
          const key = t.unit.parentCode ?? ABOVE_PROVINCES;
          byReviewer.set(key, [...(byReviewer.get(key) ?? []), t.unit]);
        }
        for (const [reviewer, late] of byReviewer) {
          const recipients = await this.notices.reviewersFor(reviewer === ABOVE_PROVINCES ? null : reviewer);
          if (!(await this.record(reviewer, period.id, 'late_list', today, -due.daysLate, null, recipients.length, at))) continue;
          await this.notices.notify(recipients, 'late_list', lateListText(late, period, due.daysLate), { unitCode: reviewer === ABOVE_PROVINCES ? null : reviewer, periodId: period.id, at });
          result.lists++;
        }
      }
    }
    result.digests = await this.notices.sendDigests(at);
    result.requeued = await this.notices.requeuePending(10 * 60_000, at);
    if (result.reminded || result.lists) this.logger.log(`reminders ${today}: ${result.reminded} units, ${result.lists} lists`);
    return result;
  }

  /**
   * A reviewer's "Nhắc nộp": one unit, or (`unitCode` = the reviewer's own unit with `all`) every child
   * not submitted. At most one per unit per Vietnam day, whoever presses it.
   */
  async nudge(user: AuthUser, unitCode: string, periodId: string, at: Date): Promise<NudgeResult> {
    const period = await this.period(periodId);
    const unit = await this.units.getAccessible(user, unitCode);
    if (!mayReviewReport(user, unit)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Chỉ cán bộ thẩm định của đơn vị cấp trên trực tiếp được nhắc nộp báo cáo.', 'Only a reviewer of the unit directly above may send a reminder.');
    }
    const today = todayInVietnam(at);
    const report = await this.reports.find(unit.code, period.id);
    if (report && SUBMITTED.has(report.status)) {
      throw conflict('already_submitted', `${unit.name} đã nộp báo cáo kỳ này, không cần nhắc.`, `${unit.name} has already submitted this report.`);
    }
    const res = await this.nudgeUnits(user, [{ unit, officers: await this.notices.usersWithRole('officer', [unit.code]) }], period, today, at);
    if (res.skipped[0]?.reason === 'already_today') {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'already_reminded',
        `Đã nhắc ${unit.name} hôm nay; mỗi đơn vị chỉ được nhắc một lần mỗi ngày.`,
        `${unit.name} was already reminded today; one reminder per unit per day.`,
      );
    }
    if (res.skipped[0]?.reason === 'no_officer') {
      throw conflict('no_officer', `${unit.name} chưa có tài khoản cán bộ nhập liệu nào để nhắc.`, `${unit.name} has no officer account to remind.`);
    }
    return res;
  }

  /** "Nhắc tất cả": every child of the reviewer's unit that has not submitted (once the deadline passed: the late ones). */
  async nudgeAll(user: AuthUser, parentCode: string, periodId: string, at: Date): Promise<NudgeResult> {
    const period = await this.period(periodId);
    const parent = await this.units.getAccessible(user, parentCode);
    const isReviewer = user.roles.includes('administrator') || (user.roles.includes('reviewer') && user.unitCode === parent.code);
    if (!isReviewer) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Chỉ cán bộ thẩm định của đơn vị này được nhắc các đơn vị trực thuộc.', "Only a reviewer of this unit may remind the units below it.");
    }
    const today = todayInVietnam(at);
    const targets = await this.unsubmitted(period, today, parent);
    return this.nudgeUnits(user, targets, period, today, at);
  }

  private async nudgeUnits(user: AuthUser, targets: Target[], period: Period, today: string, at: Date): Promise<NudgeResult> {
    const out: NudgeResult = { sent: [], skipped: [] };
    for (const t of targets) {
      if (t.officers.length === 0) {
        out.skipped.push({ unitCode: t.unit.code, unitName: t.unit.name, reason: 'no_officer' });
        continue;
      }
      const left = Math.round((Date.parse(`${period.deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      if (!(await this.record(t.unit.code, period.id, 'nudge', today, left, user.username, t.officers.length, at))) {
        out.skipped.push({ unitCode: t.unit.code, unitName: t.unit.name, reason: 'already_today' });
        continue;
      }
      await this.notices.notify(t.officers, 'nudge', nudgeText(t.unit, period, left, user.displayName), { unitCode: t.unit.code, periodId: period.id, at });
      out.sent.push({ unitCode: t.unit.code, unitName: t.unit.name, recipients: t.officers.length });
    }
    return out;
  }

  /** Reminders sent to each child of `parentCode` for the period (the board's "đã nhắc 2 lần, lần cuối 18/12"). */
  async tallies(user: AuthUser, parentCode: string, periodId: string): Promise<ReminderTally[]> {
    const period = await this.period(periodId);
    const parent = await this.units.getAccessible(user, parentCode);
    const children = await this.units.children(parent);
    const codes = children.map((c) => c.code).concat(parent.level === 'commune' ? [parent.code] : []);
    if (codes.length === 0) return [];
    const rows = await this.dataSource.getRepository(Reminder).find({
      where: { periodId: period.id, unitCode: In(codes), kind: In(['before', 'after', 'nudge']) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const byUnit = new Map<string, ReminderTally>();
    for (const r of rows) {
      const t = byUnit.get(r.unitCode) ?? { unitCode: r.unitCode, count: 0, lastAt: r.createdAt, lastKind: r.kind };
      t.count++;
      t.lastAt = r.createdAt;
      t.lastKind = r.kind;
      byUnit.set(r.unitCode, t);
    }
    return [...byUnit.values()];
  }

  private async period(id: string): Promise<Period> {
    const p = await this.dataSource.getRepository(Period).findOne({ where: { id } });
    if (!p) throw new ApiError(HttpStatus.NOT_FOUND, 'not_found', `Không có kỳ báo cáo "${id}".`, `No period "${id}".`, 'period');
    return p;
  }
}

function deadlineVi(p: Period): string {
  return formatShortVietnameseDate(p.deadline);
}

function beforeText(unit: AdminUnit, p: Period, days: number) {
  return {
    vi: `Còn ${days} ngày đến hạn nộp báo cáo ${periodLabel(p.id, 'vi')} (hạn ${deadlineVi(p)}): ${unit.name} chưa nộp báo cáo.`,
    en: `${days} days left before the ${periodLabel(p.id, 'en')} report is due (${p.deadline}): ${unit.name} has not submitted it yet.`,
  };
}

function afterText(unit: AdminUnit, p: Period, late: number) {
  return {
    vi: `Báo cáo ${periodLabel(p.id, 'vi')} của ${unit.name} đã quá hạn ${late} ngày (hạn ${deadlineVi(p)}), đề nghị nộp ngay.`,
    en: `The ${periodLabel(p.id, 'en')} report of ${unit.name} is ${late} days overdue (due ${p.deadline}); please submit it now.`,
  };
}

function lateListText(units: AdminUnit[], p: Period, late: number) {
  const names = units.map((u) => u.name).join(', ');
  return {
    vi: `${units.length} đơn vị chưa nộp báo cáo ${periodLabel(p.id, 'vi')}, quá hạn ${late} ngày (hạn ${deadlineVi(p)}): ${names}.`,
    en: `${units.length} units have not submitted the ${periodLabel(p.id, 'en')} report, ${late} days overdue (due ${p.deadline}): ${names}.`,
  };
}

function nudgeText(unit: AdminUnit, p: Period, left: number, by: string) {
  const when = left > 0 ? `còn ${left} ngày đến hạn` : left === 0 ? 'hôm nay là hạn nộp' : `đã quá hạn ${-left} ngày`;
  const whenEn = left > 0 ? `${left} days left` : left === 0 ? 'due today' : `${-left} days overdue`;
  return {
    vi: `Nhắc nộp báo cáo ${periodLabel(p.id, 'vi')} của ${unit.name} (${when}, hạn ${deadlineVi(p)}) — ${by}.`,
    en: `Reminder to submit the ${periodLabel(p.id, 'en')} report of ${unit.name} (${whenEn}, due ${p.deadline}) — ${by}.`,
  };
}
