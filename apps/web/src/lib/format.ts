import dayjs from 'dayjs';
import { formatVietnameseNumber } from '@cchc/shared';

/** Numbers are always written the Vietnamese way (56,1 · 1.714), whatever the interface language. */
export function fmtNumber(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined ? '' : formatVietnameseNumber(n, digits);
}

export function fmtPercent(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined ? '' : `${formatVietnameseNumber(n, digits)}%`;
}

export function fmtDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('DD/MM/YYYY') : '';
}

export function fmtDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('DD/MM/YYYY HH:mm') : '';
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${formatVietnameseNumber(n, 0)} B`;
  if (n < 1024 * 1024) return `${formatVietnameseNumber(n / 1024, 1)} KB`;
  return `${formatVietnameseNumber(n / 1024 / 1024, 1)} MB`;
}
