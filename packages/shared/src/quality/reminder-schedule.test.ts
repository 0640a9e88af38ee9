import { daysUntil, parseReminderDays, reminderDue } from './reminder-schedule';

describe('reminder schedule', () => {
  it('counts whole Vietnam days to the deadline', () => {
    expect(daysUntil('2026-12-18', '2026-12-20')).toBe(2);
    expect(daysUntil('2026-12-21', '2026-12-20')).toBe(-1);
    expect(daysUntil('2026-12-31', '2027-01-07')).toBe(7);
  });

  it('reminds 7 and 2 days before by default, never on other days before', () => {
    expect(reminderDue('2026-12-13', '2026-12-20')).toEqual({ kind: 'before', days: 7 });
    expect(reminderDue('2026-12-18', '2026-12-20')).toEqual({ kind: 'before', days: 2 });
    expect(reminderDue('2026-12-17', '2026-12-20')).toBeNull();
    expect(reminderDue('2026-12-20', '2026-12-20')).toBeNull();
  });

  it('reminds every day after the deadline, up to the limit', () => {
    expect(reminderDue('2026-12-21', '2026-12-20')).toEqual({ kind: 'after', daysLate: 1 });
    expect(reminderDue('2026-12-25', '2026-12-20', [7, 2], 5)).toEqual({ kind: 'after', daysLate: 5 });
    expect(reminderDue('2026-12-26', '2026-12-20', [7, 2], 5)).toBeNull();
  });

  it("uses a period's own days", () => {
    expect(reminderDue('2026-12-10', '2026-12-20', [10, 3])).toEqual({ kind: 'before', days: 10 });
    expect(parseReminderDays(' 10, 3,1 ')).toEqual([10, 3, 1]);
    expect(parseReminderDays('7,x')).toBeNull();
    expect(parseReminderDays('')).toBeNull();
  });
});
