/**
 * Dates as Nghị định 30/2020/NĐ-CP writes them: "ngày 06 tháng 12 năm 2023". Days below 10 and
 * the months 1 and 2 take a leading zero (so "tháng 01", "tháng 02", but "tháng 5").
 */

function parts(iso: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

export function isIsoDate(iso: string): boolean {
  return typeof iso === 'string' && parts(iso) !== null;
}

/** "ngày 06 tháng 12 năm 2023"; '' for an unreadable date. */
export function formatVietnameseDate(iso: string): string {
  const p = parts(iso);
  if (!p) return '';
  const day = String(p.d).padStart(2, '0');
  const month = p.m <= 2 ? String(p.m).padStart(2, '0') : String(p.m);
  return `ngày ${day} tháng ${month} năm ${p.y}`;
}

/** "Quảng Thọ, ngày 06 tháng 12 năm 2023" — the line under the national motto. */
export function placeDateLine(place: string, iso: string): string {
  const date = formatVietnameseDate(iso);
  const where = place.trim();
  if (!date) return where;
  return where ? `${where}, ${date}` : date.charAt(0).toUpperCase() + date.slice(1);
}

/** "06/12/2023", as cited in "(Kèm theo Báo cáo số … ngày 06/12/2023 …)". */
export function formatShortVietnameseDate(iso: string): string {
  const p = parts(iso);
  if (!p) return '';
  return `${String(p.d).padStart(2, '0')}/${String(p.m).padStart(2, '0')}/${p.y}`;
}
