import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { QueueName } from '../src/queue/queue.constants';
import { JobQueueService } from '../src/queue/queue.service';
import { Notice } from '../src/modules/notices/entities/notice.entity';
import { Reminder } from '../src/modules/notices/entities/reminder.entity';
import { NoticesClock } from '../src/modules/notices/notices.clock';
import { RemindersService } from '../src/modules/notices/reminders.service';
import { ReportEvents } from '../src/modules/reports/report-events';
import { User } from '../src/modules/users/entities/user.entity';
import { startTestApp, TestApp } from './support/test-app';
import { createUsers, loadProvince46, openPeriods, PASSWORD, validValues } from './support/reports-fixtures';

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on 127.0.0.1 (port 0): what the API sends arrives here, parsed. */
async function startSmtp(opts: { failFirst?: number } = {}): Promise<{ port: number; mails: Mail[]; rejected: () => number; close(): Promise<void> }> {
  const mails: Mail[] = [];
  let toFail = opts.failFirst ?? 0;
  let rejected = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m) => {
          if (toFail > 0) {
            toFail--;
            rejected++;
            const err = new Error('451 try again later') as Error & { responseCode: number };
            err.responseCode = 451;
            callback(err);
            return;
          }
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, rejected: () => rejected, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until<T>(what: string, f: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const P = '2025';
// The 2025 period's deadline is 2025-12-20 (regulation default); the clock is pinned around it.
const TWO_DAYS_BEFORE = new Date('2025-12-18T02:00:00Z'); // 09:00 in Vietnam
const DAY_AFTER = new Date('2025-12-21T02:00:00Z');
const TWO_DAYS_AFTER = new Date('2025-12-22T02:00:00Z');

describe('notices: reminders, "Nhắc nộp", workflow notices, e-mail through a real SMTP server (MariaDB + BullMQ)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ token: tok[who] });
  let ds: DataSource;
  const idOf: Record<string, number> = {};

  const noticesOf = async (username: string, kind?: string) =>
    (await ds.getRepository(Notice).find({ where: { userId: idOf[username], ...(kind ? { kind: kind as Notice['kind'] } : {}) }, order: { id: 'ASC' } }));
  const mailsTo = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr));
  /** Runs the reminders pass as the scheduler would: a job on the reminders queue, at the pinned time. */
  const pass = async (at: Date) => {
    const before = await ds.getRepository(Reminder).count();
    await t.app.get(JobQueueService).enqueue(QueueName.Reminders, { at: at.toISOString() });
    await t.app.get(JobQueueService).drain();
    // BullMQ runs it in a worker: wait for the job to finish (its reminders rows, or the queue being empty).
    await until('the reminders job', async () => {
      const counts = (await t.app.get(JobQueueService).health()).queues[QueueName.Reminders];
      return counts && counts.waiting === 0 && counts.active === 0 && (counts.delayed ?? 0) === 0;
    });
    return (await ds.getRepository(Reminder).count()) - before;
  };

  async function submit(officer: string, unit: string) {
    const put = await t.request<{ version: number }>('PUT', `/api/reports/${unit}/${P}`, { ...as(officer), body: { values: validValues(`${unit}/${P}`) } });
    expect(put.status).toBe(200);
    const sub = await t.request<{ status: string }>('POST', `/api/reports/${unit}/${P}/submit`, as(officer));
    expect(sub.status).toBe(200);
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, REMINDER_INTERVAL_MS: '0', NOTICE_DIGEST_AFTER: '2' });
    ds = t.app.get(DataSource);
    await loadProvince46(t.app);
    await openPeriods(t.app, [P]);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['huyen.477', ['reviewer', 'analyst'], '477'],
      ['xa.19894', ['officer'], '19894'],
      ['xa.19870', ['officer'], '19870'],
      ['xa.19873', ['officer'], '19873'],
      ['xa.19873b', ['officer'], '19873'],
      ['xa.19876', ['officer'], '19876'],
    ]);
    const users = await ds.getRepository(User).find();
    for (const u of users) {
      idOf[u.username] = u.id;
      tok[u.username] = await t.login(u.username, PASSWORD);
    }
    // Addresses through the administrators' API; one officer reads English, one turned e-mail off.
    for (const u of users) {
      const body: Record<string, unknown> = { email: `${u.username}@cchc.test` };
      if (u.username === 'xa.19876') body.locale = 'en';
      if (u.username === 'xa.19873b') body.emailNotices = false;
      expect((await t.request('PATCH', `/api/users/${u.id}`, { ...as('admin'), body })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('refuses a bad e-mail address with the field named, and changes nothing', async () => {
    const r = await t.request<{ field?: string; message: string }>('PATCH', `/api/users/${idOf['xa.19894']}`, { ...as('admin'), body: { email: 'not-an-address' } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('email');
    expect((await ds.getRepository(User).findOneByOrFail({ id: idOf['xa.19894'] })).email).toBe('xa.19894@cchc.test');
  });

  it('a submission notifies the reviewing unit’s reviewers (in-app and by e-mail)', async () => {
    await submit('xa.19870', '19870');
    await t.app.get(ReportEvents).settled();
    const n = await noticesOf('huyen.477', 'submitted');
    expect(n).toHaveLength(1);
    expect(n[0].textVi).toContain('Xã Quảng Thái đã nộp báo cáo');
    await until('the submission e-mail', async () => mailsTo('huyen.477@cchc.test').length === 1);
    expect(mailsTo('huyen.477@cchc.test')[0].subject).toContain('Xã Quảng Thái đã nộp');
  });

  it('two days before the deadline reminds exactly the officers of units that have not submitted', async () => {
    t.app.get(NoticesClock).set(TWO_DAYS_BEFORE);
    const mailsBefore = smtp.mails.length;
    expect(await pass(TWO_DAYS_BEFORE)).toBe(3); // 19873, 19876, 19894 — not 19870, which submitted
    for (const who of ['xa.19894', 'xa.19873', 'xa.19873b', 'xa.19876']) {
      const n = await noticesOf(who, 'reminder_before');
      expect(n).toHaveLength(1);
      expect(n[0].textVi).toMatch(/^Còn 2 ngày đến hạn nộp báo cáo/);
    }
    expect(await noticesOf('xa.19870', 'reminder_before')).toHaveLength(0);
    // Mail: to the three officers with e-mail on, not to the one who turned it off, not to the submitter.
    await until('three reminder e-mails', async () => smtp.mails.length - mailsBefore >= 3);
    await new Promise((r) => setTimeout(r, 500));
    const sent = smtp.mails.slice(mailsBefore);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['xa.19873@cchc.test', 'xa.19876@cchc.test', 'xa.19894@cchc.test']);
    expect(sent.find((m) => m.to[0] === 'xa.19876@cchc.test')!.subject).toMatch(/2 days left/);
    expect(sent.find((m) => m.to[0] === 'xa.19894@cchc.test')!.text).toContain('Xã Quảng Thọ chưa nộp báo cáo');
    expect((await noticesOf('xa.19873b', 'reminder_before'))[0].emailState).toBe('skipped');
    // The same day again — and two passes at once, as two workers would — remind no one twice.
    expect(await pass(TWO_DAYS_BEFORE)).toBe(0);
    const svc = t.app.get(RemindersService);
    await Promise.all([svc.runPass(TWO_DAYS_BEFORE), svc.runPass(TWO_DAYS_BEFORE)]);
    expect(await noticesOf('xa.19894', 'reminder_before')).toHaveLength(1);
  });

  it('after the deadline: the late units’ officers daily, and one list a day to the reviewing unit', async () => {
    t.app.get(NoticesClock).set(DAY_AFTER);
    await pass(DAY_AFTER);
    await pass(DAY_AFTER);
    const lists = await noticesOf('huyen.477', 'late_list');
    expect(lists).toHaveLength(1);
    expect(lists[0].textVi).toMatch(/^3 đơn vị chưa nộp báo cáo Năm 2025, quá hạn 1 ngày/);
    for (const name of ['Xã Quảng Thọ', 'Xã Quảng Ngạn', 'Xã Quảng Lợi']) expect(lists[0].textVi).toContain(name);
    expect(lists[0].textVi).not.toContain('Quảng Thái');
    expect(await noticesOf('xa.19894', 'reminder_after')).toHaveLength(1);
    expect(await noticesOf('xa.19870', 'reminder_after')).toHaveLength(0);
    await until('the list by e-mail', async () => mailsTo('huyen.477@cchc.test').some((m) => m.text.includes('3 đơn vị chưa nộp')));
    // The next day: again, once.
    await pass(TWO_DAYS_AFTER);
    expect(await noticesOf('huyen.477', 'late_list')).toHaveLength(2);
    expect((await noticesOf('huyen.477', 'late_list'))[1].textVi).toContain('quá hạn 2 ngày');
  });

  it('"Nhắc nộp": once per unit per day, only by the reviewer, and the board shows every reminder', async () => {
    t.app.get(NoticesClock).set(TWO_DAYS_AFTER);
    const url = `/api/reminders/19894/${P}`;
    expect((await t.request('POST', url, as('xa.19894'))).status).toBe(403);
    const first = await t.request<{ sent: { unitCode: string; recipients: number }[] }>('POST', url, as('huyen.477'));
    expect(first.status).toBe(200);
    expect(first.body.sent).toEqual([expect.objectContaining({ unitCode: '19894', recipients: 1 })]);
    const again = await t.request<{ error: string; message: string }>('POST', url, as('huyen.477'));
    expect(again.status).toBe(429);
    expect(again.body.message).toContain('mỗi đơn vị chỉ được nhắc một lần mỗi ngày');
    expect(await noticesOf('xa.19894', 'nudge')).toHaveLength(1);
    expect((await t.request('POST', `/api/reminders/19870/${P}`, as('huyen.477'))).status).toBe(409);
    // "Nhắc tất cả": the other late ones; Quảng Thọ already had its reminder today.
    const all = await t.request<{ sent: { unitCode: string }[]; skipped: { unitCode: string; reason: string }[] }>('POST', `/api/reminders/477/${P}/all`, as('huyen.477'));
    expect(all.status).toBe(200);
    expect(all.body.sent.map((s) => s.unitCode).sort()).toEqual(['19873', '19876']);
    expect(all.body.skipped).toEqual([expect.objectContaining({ unitCode: '19894', reason: 'already_today' })]);
    // The board: before (1) + after (2 days) + nudge (1) for Quảng Thọ; nothing for the submitter.
    const board = await t.request<{ unitCode: string; count: number; lastAt: string; lastKind: string }[]>('GET', `/api/reminders/477/${P}`, as('huyen.477'));
    expect(board.status).toBe(200);
    const qt = board.body.find((b) => b.unitCode === '19894')!;
    expect(qt.count).toBe(4);
    expect(qt.lastKind).toBe('nudge');
    expect(board.body.find((b) => b.unitCode === '19870')).toBeUndefined();
    expect((await t.request('GET', `/api/reminders/474/${P}`, as('huyen.477'))).status).toBe(403);
  });

  it('a returned report notifies its officers with the comment; reopening, with the reason', async () => {
    await submit('xa.19894', '19894');
    const ret = await t.request('POST', `/api/reports/19894/${P}/return`, { ...as('huyen.477'), body: { comment: 'Tỷ lệ hồ sơ trực tuyến (7.8.3) không khớp phần thuyết minh.' } });
    expect(ret.status).toBe(200);
    await t.app.get(ReportEvents).settled();
    const returned = await noticesOf('xa.19894', 'returned');
    expect(returned).toHaveLength(1);
    expect(returned[0].textVi).toContain('bị trả lại để chỉnh sửa. Ý kiến của người thẩm định: Tỷ lệ hồ sơ trực tuyến (7.8.3) không khớp');
    await until('the return e-mail', async () => mailsTo('xa.19894@cchc.test').some((m) => m.text.includes('không khớp phần thuyết minh')));

    expect((await t.request('POST', `/api/reports/19870/${P}/approve`, as('huyen.477'))).status).toBe(200);
    const reopen = await t.request('POST', `/api/reports/19870/${P}/reopen`, { ...as('huyen.477'), body: { reason: 'Cần bổ sung số liệu mục 3.5' } });
    expect(reopen.status).toBe(200);
    await t.app.get(ReportEvents).settled();
    expect((await noticesOf('xa.19870', 'approved'))).toHaveLength(1);
    const reopened = await noticesOf('xa.19870', 'reopened');
    expect(reopened).toHaveLength(1);
    expect(reopened[0].textVi).toContain('Lý do: Cần bổ sung số liệu mục 3.5');
  });

  it('many submissions in a day: the first ones e-mailed at once, the rest in the next day’s digest', async () => {
    // huyen.477 already had 2 "submitted" notices today (19870, 19894); NOTICE_DIGEST_AFTER=2.
    await submit('xa.19873', '19873');
    await t.app.get(ReportEvents).settled();
    const last = (await noticesOf('huyen.477', 'submitted')).at(-1)!;
    expect(last.emailState).toBe('digest');
    // A day later (the clock of the pass), the digest goes out as one e-mail.
    const tomorrow = new Date(Date.now() + 86_400_000);
    await t.app.get(RemindersService).runPass(tomorrow);
    await until('the digest e-mail', async () => mailsTo('huyen.477@cchc.test').some((m) => /Tổng hợp|Quảng Ngạn/.test(m.subject + m.text)) && (await ds.getRepository(Notice).findOneByOrFail({ id: last.id })).emailState === 'sent');
  });

  it('the inbox: own notices only, unread count, mark read', async () => {
    const list = await t.request<{ items: { id: number; kind: string; text: string; readAt: string | null }[]; unread: number }>('GET', '/api/notices', as('xa.19894'));
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(4);
    expect(list.body.unread).toBe(list.body.items.length);
    const en = await t.request<{ items: { text: string }[] }>('GET', '/api/notices', as('xa.19876'));
    expect(en.body.items[0].text).toMatch(/Reminder to submit|days overdue|days left/);
    const someone = (await noticesOf('xa.19870'))[0];
    const mark = await t.request<{ changed: number; unread: number }>('POST', '/api/notices/read', { ...as('xa.19894'), body: { ids: [list.body.items[0].id, someone.id] } });
    expect(mark.status).toBe(200);
    expect(mark.body).toEqual({ changed: 1, unread: list.body.unread - 1 });
    expect((await ds.getRepository(Notice).findOneByOrFail({ id: someone.id })).readAt).toBeNull();
    expect((await t.request<{ unread: number }>('GET', '/api/notices/unread-count', as('xa.19894'))).body.unread).toBe(list.body.unread - 1);
    expect((await t.request('POST', '/api/notices/read', { ...as('xa.19894'), body: {} })).status).toBe(400);
    const all = await t.request<{ unread: number }>('POST', '/api/notices/read', { ...as('xa.19894'), body: { all: true } });
    expect(all.body.unread).toBe(0);
  });

  it("a province's reviewer reminds its districts of their own reports, as a district reminds its communes; never a commune below them", async () => {
    await createUsers(t.app, [
      ['tinh.46', ['reviewer'], '46'],
      ['huyen.477.cb', ['officer'], '477'],
      ['huyen.474.cb', ['officer'], '474'],
    ]);
    for (const u of await ds.getRepository(User).find()) {
      idOf[u.username] = u.id;
      tok[u.username] ??= await t.login(u.username, PASSWORD);
    }
    // A new Vietnam day: nothing reminded yet today.
    t.app.get(NoticesClock).set(new Date('2025-12-23T02:00:00Z'));
    const board = await t.request<{ rowsLevel: string; rows: { unitCode: string; ownStatus: string }[] }>('GET', `/api/submissions/46/${P}`, as('tinh.46'));
    expect(board.status).toBe(200);
    expect(board.body.rowsLevel).toBe('district');
    expect(board.body.rows.find((r) => r.unitCode === '477')!.ownStatus).toBe('missing');

    // Only the unit above reviews, so only it reminds: not the district itself, and the province never a commune.
    expect((await t.request<{ error: string }>('POST', `/api/reminders/477/${P}`, as('huyen.477'))).body.error).toBe('forbidden_role');
    expect((await t.request<{ error: string }>('POST', `/api/reminders/19894/${P}`, as('tinh.46'))).body.error).toBe('forbidden_role');
    expect((await t.request('POST', `/api/reminders/46/${P}/all`, as('huyen.477'))).status).toBe(403);
    expect((await t.request('GET', `/api/reminders/46/${P}`, as('huyen.477'))).status).toBe(403);

    const one = await t.request<{ sent: { unitCode: string; recipients: number }[] }>('POST', `/api/reminders/477/${P}`, as('tinh.46'));
    expect(one.status).toBe(200);
    expect(one.body.sent).toEqual([expect.objectContaining({ unitCode: '477', unitName: 'Huyện Quảng Điền', recipients: 1 })]);
    const notice = await noticesOf('huyen.477.cb', 'nudge');
    expect(notice).toHaveLength(1);
    expect(notice[0].textVi).toContain('Huyện Quảng Điền');
    // The district's reviewer account is no officer: the district's report is not its to file.
    expect(await noticesOf('huyen.477', 'nudge')).toHaveLength(0);
    expect((await t.request('POST', `/api/reminders/477/${P}`, as('tinh.46'))).status).toBe(429);

    // "Nhắc tất cả" from the province: every district with an officer and no report submitted, 477 already today.
    const all = await t.request<{ sent: { unitCode: string }[]; skipped: { unitCode: string; reason: string }[] }>('POST', `/api/reminders/46/${P}/all`, as('tinh.46'));
    expect(all.status).toBe(200);
    expect(all.body.sent.map((x) => x.unitCode)).toEqual(['474']);
    expect(all.body.skipped).toEqual([expect.objectContaining({ unitCode: '477', reason: 'already_today' })]);
    expect(await noticesOf('huyen.474.cb', 'nudge')).toHaveLength(1);
    expect(await noticesOf('xa.19894', 'nudge')).toHaveLength(1);

    const tallies = await t.request<{ unitCode: string; count: number; lastKind: string }[]>('GET', `/api/reminders/46/${P}`, as('tinh.46'));
    expect(tallies.status).toBe(200);
    expect(tallies.body.map((x) => [x.unitCode, x.count, x.lastKind]).sort()).toEqual([
      ['474', 1, 'nudge'],
      ['477', 1, 'nudge'],
    ]);
  });
});

describe('notices: an SMTP server that refuses at first', () => {
  it('the queue retries the e-mail until it is delivered; the request that caused it did not wait', async () => {
    const smtp = await startSmtp({ failFirst: 2 });
    const t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, REMINDER_INTERVAL_MS: '0' });
    try {
      await loadProvince46(t.app);
      await openPeriods(t.app, [P]);
      await createUsers(t.app, [['huyen.477', ['reviewer'], '477'], ['xa.19894', ['officer'], '19894']]);
      const ds = t.app.get(DataSource);
      await ds.getRepository(User).update({ username: 'huyen.477' }, { email: 'huyen@cchc.test' });
      const officer = await t.login('xa.19894', PASSWORD);
      expect((await t.request('PUT', `/api/reports/19894/${P}`, { token: officer, body: { values: validValues(`19894/${P}`) } })).status).toBe(200);
      expect((await t.request('POST', `/api/reports/19894/${P}/submit`, { token: officer })).status).toBe(200);
      await t.app.get(ReportEvents).settled();
      await until('the e-mail after two refusals', async () => smtp.mails.length === 1);
      expect(smtp.rejected()).toBe(2);
      expect(smtp.mails[0].to).toEqual(['huyen@cchc.test']);
      await until('the notice marked sent', async () => (await ds.getRepository(Notice).findOneByOrFail({ kind: 'submitted' })).emailState === 'sent');
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
