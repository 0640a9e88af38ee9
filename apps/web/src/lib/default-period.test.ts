import { defaultPeriodWindow, parsePeriodId } from '@cchc/shared';
import type { Period } from '../api/schema-types';
import { defaultPeriod } from './default-period';

/** A period with the ministry's default data window and deadline (shared rules), as the API lists it. */
function period(id: string): Period {
  const p = parsePeriodId(id)!;
  return { id, type: p.type, year: p.year, ...defaultPeriodWindow(id), templateVersion: '2025.1', scoringVersion: null, label: id, labelEn: id, reminderDays: null };
}

describe('the default period', () => {
  // The 2026 year report: window 2025-12-15 … 2026-12-14, due 2026-12-20. The 2027 Q1 report's window
  // begins 2026-12-15 by the ministry's rule; an administrator may open it earlier, or give it a later window.
  const year2026 = period('2026');
  const q1of2027 = period('2027Q1');
  const q1of2027Late = { ...q1of2027, startDate: '2027-01-01' };

  it('uses the ministry windows this test assumes', () => {
    expect(year2026).toMatchObject({ startDate: '2025-12-15', endDate: '2026-12-14', deadline: '2026-12-20' });
    expect(q1of2027).toMatchObject({ startDate: '2026-12-15', deadline: '2027-03-20' });
  });

  it('does not switch to a period opened before its data window has begun, even once the season under review is past its deadline', () => {
    // 22 December 2026: the year report's deadline has passed (its review goes on); the new period is
    // the only one with a deadline ahead, but its window begins on 1 January.
    expect(defaultPeriod([q1of2027Late, year2026], '2026-12-22')?.id).toBe('2026');
    expect(defaultPeriod([year2026, q1of2027Late], '2026-12-31')?.id).toBe('2026');
    // Opened early with the ministry's window, before that window begins: the current season stays.
    expect(defaultPeriod([q1of2027, year2026], '2026-12-07')?.id).toBe('2026');
  });

  it('becomes the default once its data window has begun and the season before is past its deadline', () => {
    expect(defaultPeriod([year2026, q1of2027Late], '2027-01-01')?.id).toBe('2027Q1');
    expect(defaultPeriod([year2026, q1of2027], '2026-12-21')?.id).toBe('2027Q1');
  });

  it('keeps the open period whose deadline is nearest ahead', () => {
    expect(defaultPeriod([q1of2027, year2026], '2026-12-16')?.id).toBe('2026');
    expect(defaultPeriod([period('2025'), year2026], '2026-06-01')?.id).toBe('2026');
  });

  it('falls back to the latest period whose deadline has passed', () => {
    expect(defaultPeriod([period('2024'), period('2025'), q1of2027], '2026-12-01')?.id).toBe('2025');
  });

  it('has nothing to show without periods', () => {
    expect(defaultPeriod([], '2026-12-07')).toBeNull();
  });
});
