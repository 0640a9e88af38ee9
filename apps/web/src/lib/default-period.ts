import dayjs from 'dayjs';
import type { Period } from '../api/schema-types';

/**
 * The period a screen shows when the user has chosen none: the one whose data window has begun and
 * whose deadline is nearest ahead, else the latest whose deadline has passed. A period opened ahead of
 * its window (an administrator preparing the next season) becomes nobody's default until its window
 * begins, so the current season's review is not switched to an empty period. Pure: unit-tested.
 */
export function defaultPeriod(periods: Period[], today = dayjs().format('YYYY-MM-DD')): Period | null {
  if (periods.length === 0) return null;
  const byDeadline = [...periods].sort((a, b) => a.deadline.localeCompare(b.deadline));
  const open = byDeadline.find((p) => p.startDate <= today && p.deadline >= today);
  return open ?? byDeadline.filter((p) => p.deadline < today).pop() ?? byDeadline[0];
}
