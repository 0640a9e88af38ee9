/** When a unit that has not submitted is reminded: before the deadline on chosen days, after it every day. */

const DAY_MS = 86_400_000;

export const DEFAULT_REMINDER_DAYS: readonly number[] = [7, 2];

/** Whole days from `today` to `deadline` (both YYYY-MM-DD, Vietnam days): 2 = the day after tomorrow, -1 = yesterday. */
export function daysUntil(today: string, deadline: string): number {
  return Math.round((Date.parse(`${deadline.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

export type ReminderDue = { kind: 'before'; days: number } | { kind: 'after'; daysLate: number } | null;

/**
 * What reminder is due today for a period with this deadline: `before` on each of `beforeDays`
 * (days left), `after` every day from the day after the deadline up to `maxDaysAfter`; otherwise none.
 */
export function reminderDue(today: string, deadline: string, beforeDays: readonly number[] = DEFAULT_REMINDER_DAYS, maxDaysAfter = 60): ReminderDue {
  const left = daysUntil(today, deadline);
  if (Number.isNaN(left)) return null;
  if (left > 0) return beforeDays.includes(left) ? { kind: 'before', days: left } : null;
  if (left < 0 && -left <= maxDaysAfter) return { kind: 'after', daysLate: -left };
  return null;
}

/** A period's own reminder days ("7,2", "10, 3, 1"); blank or unreadable → null (use the default). */
export function parseReminderDays(text: string | null | undefined): number[] | null {
  if (!text || !text.trim()) return null;
  const parts = text.split(',').map((s) => s.trim());
  if (!parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const days = [...new Set(parts.map(Number))].filter((d) => d > 0).sort((a, b) => b - a);
  return days.length ? days : null;
}
