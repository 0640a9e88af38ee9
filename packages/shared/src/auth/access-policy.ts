import type { UnitLevel } from '../template/types';
import { ROLES, type Role } from './roles';

/**
 * The one access policy: which role may do which action on a unit, by where that unit stands relative
 * to the caller's own unit. The API enforces it in one place (a decorator naming the action on every
 * route, one guard); imports ask it again for every row's unit; docs/security.md prints it
 * (`npm run docs:policy`). Anything not granted here is refused.
 */

/** Where the unit a request acts on stands relative to the caller's unit. */
export const UNIT_RELATIONS = ['own', 'child', 'descendant', 'outside', 'national', 'none'] as const;
export type UnitRelation = (typeof UNIT_RELATIONS)[number];

export const UNIT_RELATION_LABELS: Record<UnitRelation, { vi: string; en: string }> = {
  own: { vi: 'chính đơn vị mình', en: 'its own unit' },
  child: { vi: 'đơn vị trực thuộc trực tiếp', en: 'a direct child' },
  descendant: { vi: 'đơn vị cấp dưới nữa (cháu, chắt)', en: 'deeper in its subtree' },
  outside: { vi: 'ngoài cây đơn vị của mình (cấp trên, ngang cấp, tỉnh khác)', en: 'outside its subtree (parent, sibling, other province)' },
  national: { vi: 'toàn quốc (mã "VN")', en: 'the whole country ("VN")' },
  none: { vi: 'không gắn đơn vị', en: 'no unit' },
};

/** Its own unit and everything below it. */
const SUBTREE: readonly UnitRelation[] = ['own', 'child', 'descendant'];
/** Administrators: every unit, the whole country, and actions on no unit. */
const EVERYWHERE: readonly UnitRelation[] = ['own', 'child', 'descendant', 'outside', 'national', 'none'];

interface Grant {
  /** The relations of the unit this role may act on. */
  relations: readonly UnitRelation[];
  /** Only when the unit is at one of these levels (e.g. the consolidation of a unit that has children). */
  levels?: readonly UnitLevel[];
  /** Only when the caller's own unit is at one of these levels (e.g. a province's reviewers). */
  callerLevels?: readonly UnitLevel[];
}

export interface ActionPolicy {
  vi: string;
  en: string;
  /** Who may, by role. A role absent here may not. */
  grants: Partial<Record<Role, Grant>>;
  /** Reachable while an administrator-set password is still to be replaced (only the session's own actions). */
  whilePasswordPending?: boolean;
  /** What a refusal by role says (default: a general sentence naming the action). */
  denied?: { vi: string; en: string };
}

const anyRole = (relations: readonly UnitRelation[]): Partial<Record<Role, Grant>> => ({
  officer: { relations },
  reviewer: { relations },
  analyst: { relations },
  administrator: { relations: EVERYWHERE },
});
const adminOnly: Partial<Record<Role, Grant>> = { administrator: { relations: EVERYWHERE } };

export const ACCESS_POLICY = {
  'session.self': {
    vi: 'Xem tài khoản của mình, đổi mật khẩu của mình, đăng xuất',
    en: 'Read one’s own account, change one’s own password, log out',
    grants: anyRole(['none']),
    whilePasswordPending: true,
  },
  'reference.read': {
    vi: 'Đọc biểu mẫu chỉ tiêu và các kỳ báo cáo',
    en: 'Read the indicator templates and the reporting periods',
    grants: anyRole(['none']),
  },
  'unit.read': {
    vi: 'Xem đơn vị hành chính, các cấp trên/dưới và lịch sử sáp nhập của nó',
    en: 'Read a unit, its ancestors and children, and its merger lineage',
    grants: anyRole(SUBTREE),
  },
  'history.read': {
    vi: 'Số liệu kỳ cũ (đã duyệt) quy về cây đơn vị hiện hành',
    en: 'An old period’s approved figures on today’s tree',
    grants: anyRole(SUBTREE),
  },
  'report.read': {
    vi: 'Đọc báo cáo, các thay đổi, nhật ký; in báo cáo (XLSX Phụ lục, DOCX)',
    en: 'Read a report, its changes and its trail; print it (appendix XLSX, DOCX)',
    grants: anyRole(SUBTREE),
  },
  'report.write': {
    vi: 'Nhập, lưu số liệu báo cáo (cả qua nhập tệp, xét từng dòng)',
    en: 'Fill in and save a report’s values (also through an import, row by row)',
    grants: { officer: { relations: ['own'] }, administrator: { relations: EVERYWHERE } },
    denied: { vi: 'Chỉ cán bộ của chính đơn vị được nhập và nộp báo cáo này.', en: "Only the unit's own officer may fill in and submit this report." },
  },
  'report.submit': {
    vi: 'Nộp báo cáo',
    en: 'Submit a report',
    grants: { officer: { relations: ['own'] }, administrator: { relations: EVERYWHERE } },
    denied: { vi: 'Chỉ cán bộ của chính đơn vị được nhập và nộp báo cáo này.', en: "Only the unit's own officer may fill in and submit this report." },
  },
  'report.review': {
    vi: 'Duyệt hoặc trả lại báo cáo của đơn vị trực thuộc trực tiếp',
    en: 'Approve or return the report of a direct child',
    grants: { reviewer: { relations: ['child'] }, administrator: { relations: EVERYWHERE } },
    denied: {
      vi: 'Chỉ cán bộ thẩm định của đơn vị cấp trên trực tiếp (với cấp tỉnh: quản trị viên) được duyệt, trả lại hoặc mở lại báo cáo này.',
      en: 'Only a reviewer of the unit directly above (for a province: an administrator) may approve, return or reopen this report.',
    },
  },
  'report.reopen': {
    vi: 'Mở lại báo cáo đã duyệt của đơn vị trực thuộc trực tiếp',
    en: 'Reopen the approved report of a direct child',
    grants: { reviewer: { relations: ['child'] }, administrator: { relations: EVERYWHERE } },
    denied: {
      vi: 'Chỉ cán bộ thẩm định của đơn vị cấp trên trực tiếp (với cấp tỉnh: quản trị viên) được duyệt, trả lại hoặc mở lại báo cáo này.',
      en: 'Only a reviewer of the unit directly above (for a province: an administrator) may approve, return or reopen this report.',
    },
  },
  'report.import': {
    vi: 'Nhập số liệu từ tệp (mỗi dòng còn phải được phép "Nhập, lưu số liệu" với đơn vị của dòng đó)',
    en: 'Import values from a file (each row also needs report.write on its own unit)',
    grants: { officer: { relations: ['own'] }, administrator: { relations: EVERYWHERE } },
  },
  'submissions.read': {
    vi: 'Tình hình nộp báo cáo của các đơn vị trực thuộc',
    en: 'Who has submitted, per child unit',
    grants: anyRole(SUBTREE),
  },
  'summary.read': {
    vi: 'Báo cáo tổng hợp của đơn vị (cán bộ cấp huyện/tỉnh: chỉ của chính đơn vị mình, để lập báo cáo)',
    en: 'A unit’s consolidated summary (a district’s or province’s officer: its own unit only, to fill in its report)',
    grants: {
      officer: { relations: ['own'], levels: ['district', 'province'] },
      analyst: { relations: SUBTREE },
      administrator: { relations: EVERYWHERE },
    },
  },
  'figures.read': {
    vi: 'So sánh kỳ, xếp hạng các đơn vị',
    en: 'Period comparisons and rankings',
    grants: { analyst: { relations: SUBTREE }, administrator: { relations: EVERYWHERE } },
  },
  'score.read': {
    vi: 'Bảng điểm chi tiết của một xã (lý do của hạng, không có điểm của xã khác)',
    en: 'A commune’s score breakdown (why it placed, not its neighbours’ scores)',
    grants: anyRole(SUBTREE),
  },
  'figures.export': {
    vi: 'Xuất bảng số liệu và bảng xếp hạng (CSV, XLSX)',
    en: 'Export the figures table and the rankings (CSV, XLSX)',
    grants: { analyst: { relations: SUBTREE }, administrator: { relations: EVERYWHERE } },
    denied: { vi: 'Chỉ cán bộ phân tích (hoặc quản trị viên) được xuất số liệu.', en: 'Only an analyst (or an administrator) may export figures.' },
  },
  // PAR Index rounds: the round decides more (its appraising unit, its stage windows), checked by the par services.
  'par.read': {
    vi: 'Xem bộ tiêu chí, kỳ đánh giá PAR và kết quả (đơn vị chủ trì, xã tham gia, sau công bố)',
    en: 'Read PAR criteria sets, rounds and results (appraising unit, participants, once published)',
    grants: anyRole(['none']),
  },
  'par.criteria.author': {
    vi: 'Soạn và công bố bộ tiêu chí PAR (cán bộ thẩm định cấp tỉnh)',
    en: 'Author and publish PAR criteria sets (a province’s reviewers)',
    grants: { reviewer: { relations: ['none'], callerLevels: ['province'] }, administrator: { relations: EVERYWHERE } },
  },
  'par.round.run': {
    vi: 'Mở và điều hành kỳ đánh giá PAR (cán bộ thẩm định của đơn vị chủ trì)',
    en: 'Open and run a PAR round (the appraising unit’s reviewers)',
    grants: { reviewer: { relations: ['none'] }, administrator: { relations: EVERYWHERE } },
  },
  'par.sheet.read': {
    vi: 'Xem phiếu đánh giá PAR của một xã và minh chứng',
    en: 'Read a commune’s PAR sheet and its evidence',
    grants: { officer: { relations: ['own'] }, reviewer: { relations: ['child'] }, administrator: { relations: EVERYWHERE } },
  },
  'par.sheet.fill': {
    vi: 'Tự đánh giá, nộp, tải minh chứng, giải trình phiếu PAR của xã mình',
    en: 'Self-assess, submit, upload evidence and explain the commune’s own PAR sheet',
    grants: { officer: { relations: ['own'] }, administrator: { relations: EVERYWHERE } },
  },
  'par.sheet.appraise': {
    vi: 'Thẩm định, điểm thưởng/trừ, hoàn tất phiếu PAR của xã trực thuộc',
    en: 'Appraise, add bonus/penalty and finalise the PAR sheet of a direct child',
    grants: { reviewer: { relations: ['child'] }, administrator: { relations: EVERYWHERE } },
  },
  'par.council.summary': {
    vi: 'Xuất biên bản tổng hợp kết quả thẩm định PAR (Hội đồng thẩm định)',
    en: "Export the PAR council's summary of the appraisal (the appraising unit's reviewers)",
    grants: { reviewer: { relations: ['none'] }, administrator: { relations: EVERYWHERE } },
    denied: { vi: 'Chỉ cán bộ thẩm định của đơn vị chủ trì (hoặc quản trị viên) được xuất biên bản của Hội đồng thẩm định.', en: "Only the appraising unit's reviewers (or administrators) may export the council's summary." },
  },
  'notices.self': {
    vi: 'Hộp thông báo của mình (đọc, đánh dấu đã đọc) và cài đặt nhận thư',
    en: 'One’s own notices (read, mark read) and e-mail settings',
    grants: anyRole(['none']),
  },
  'reminders.send': {
    vi: '"Nhắc nộp" một đơn vị trực thuộc trực tiếp (mỗi đơn vị một lần mỗi ngày)',
    en: '"Nhắc nộp": remind a direct child to submit (once per unit per day)',
    grants: { reviewer: { relations: ['child'] }, administrator: { relations: EVERYWHERE } },
    denied: { vi: 'Chỉ cán bộ thẩm định của đơn vị cấp trên trực tiếp được nhắc nộp báo cáo.', en: 'Only a reviewer of the unit directly above may send a reminder.' },
  },
  'reminders.sendAll': {
    vi: '"Nhắc tất cả" các đơn vị trực thuộc chưa nộp của chính đơn vị mình',
    en: 'Remind every child of one’s own unit that has not submitted',
    grants: { reviewer: { relations: ['own'] }, administrator: { relations: EVERYWHERE } },
    denied: { vi: 'Chỉ cán bộ thẩm định của đơn vị này được nhắc các đơn vị trực thuộc.', en: 'Only a reviewer of this unit may remind the units below it.' },
  },
  'users.admin': { vi: 'Quản lý tài khoản', en: 'Manage accounts', grants: adminOnly },
  'templates.admin': { vi: 'Soạn, công bố, so sánh phiên bản biểu mẫu và cách chấm điểm; xem thử xếp hạng theo bản nháp', en: 'Author, publish and compare template versions and scoring schemes; preview a ranking with a draft', grants: adminOnly },
  'periods.admin': { vi: 'Mở kỳ báo cáo, đổi thời hạn', en: 'Open periods, change their windows', grants: adminOnly },
  'rollups.admin': { vi: 'Xem và chạy lại tổng hợp lỗi', en: 'See and retry failed rollups', grants: adminOnly },
  'audit.read': { vi: 'Nhật ký đăng nhập và tài khoản', en: 'The login and account trail', grants: adminOnly },
  'queues.admin': { vi: 'Bảng điều khiển hàng đợi (/api/admin/queues)', en: 'The queue dashboard (/api/admin/queues)', grants: adminOnly },
} as const satisfies Record<string, ActionPolicy>;

export type AccessAction = keyof typeof ACCESS_POLICY;
export const ACCESS_ACTIONS = Object.keys(ACCESS_POLICY) as AccessAction[];
export const isAccessAction = (v: unknown): v is AccessAction => typeof v === 'string' && Object.prototype.hasOwnProperty.call(ACCESS_POLICY, v);

/**
 * Every HTTP route of the API and the action it declares ('public': no token). The API refuses to start
 * with a route that declares no action, and the access-matrix test fails when this list, the routes'
 * decorators and the OpenAPI document disagree: a new route needs its line here.
 */
export const ROUTE_ACCESS = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'session.self',
  'POST /api/auth/change-password': 'session.self',
  'GET /api/auth/me': 'session.self',
  'GET /api/templates': 'reference.read',
  'GET /api/templates/current': 'reference.read',
  'POST /api/templates': 'templates.admin',
  'PUT /api/templates/{version}': 'templates.admin',
  'DELETE /api/templates/{version}': 'templates.admin',
  'POST /api/templates/{version}/publish': 'templates.admin',
  'GET /api/templates/{a}/diff/{b}': 'templates.admin',
  'GET /api/templates/{version}/xlsx': 'templates.admin',
  'POST /api/templates/xlsx': 'templates.admin',
  'GET /api/scoring-schemes': 'reference.read',
  'GET /api/scoring-schemes/{version}': 'reference.read',
  'POST /api/scoring-schemes': 'templates.admin',
  'POST /api/scoring-schemes/{version}/publish': 'templates.admin',
  'DELETE /api/scoring-schemes/{version}': 'templates.admin',
  'GET /api/templates/{version}': 'reference.read',
  'GET /api/periods': 'reference.read',
  'GET /api/periods/{id}': 'reference.read',
  'PUT /api/periods/{id}': 'periods.admin',
  'GET /api/users': 'users.admin',
  'POST /api/users': 'users.admin',
  'PATCH /api/users/{id}': 'users.admin',
  'GET /api/audit/auth-events': 'audit.read',
  'GET /api/units': 'users.admin',
  'GET /api/units/{code}': 'unit.read',
  'GET /api/units/{code}/lineage': 'unit.read',
  'GET /api/units/{code}/history': 'history.read',
  'GET /api/reports/{unitCode}/{period}': 'report.read',
  'PUT /api/reports/{unitCode}/{period}': 'report.write',
  'POST /api/reports/{unitCode}/{period}/submit': 'report.submit',
  'POST /api/reports/{unitCode}/{period}/approve': 'report.review',
  'POST /api/reports/{unitCode}/{period}/return': 'report.review',
  'POST /api/reports/{unitCode}/{period}/reopen': 'report.reopen',
  'GET /api/reports/{unitCode}/{period}/diff': 'report.read',
  'GET /api/reports/{unitCode}/{period}/history': 'report.read',
  'GET /api/submissions/{unitCode}/{period}': 'submissions.read',
  'GET /api/summaries/{unitCode}/{period}': 'summary.read',
  'GET /api/summaries/{unitCode}/{period}/comparison': 'figures.read',
  'GET /api/rankings/{unitCode}/{period}': 'figures.read',
  'GET /api/rankings/{unitCode}/{period}/breakdown': 'score.read',
  'GET /api/exports/{unitCode}/{file}': 'figures.export',
  'GET /api/exports/rankings/{unitCode}/{file}': 'figures.export',
  'GET /api/exports/report/{unitCode}/{file}': 'report.read',
  'POST /api/imports/{unitCode}/{period}': 'report.import',
  'GET /api/par/criteria-sets': 'par.read',
  'GET /api/par/criteria-sets/{version}': 'par.read',
  'POST /api/par/criteria-sets': 'par.criteria.author',
  'GET /api/par/criteria-sets/{version}/criteria.xlsx': 'par.read',
  'GET /api/par/criteria-sets/{version}/criteria.json': 'par.read',
  'POST /api/par/criteria-sets/import': 'par.criteria.author',
  'POST /api/par/criteria-sets/{version}/publish': 'par.criteria.author',
  'GET /api/par/rounds': 'par.read',
  'POST /api/par/rounds': 'par.round.run',
  'GET /api/par/rounds/{roundId}': 'par.read',
  'PATCH /api/par/rounds/{roundId}': 'par.round.run',
  'GET /api/par/rounds/{roundId}/sheets': 'par.read',
  'GET /api/par/rounds/{roundId}/results': 'par.read',
  'GET /api/par/rounds/{roundId}/results.xlsx': 'par.read',
  'GET /api/par/rounds/{roundId}/summary.docx': 'par.council.summary',
  'POST /api/par/rounds/{roundId}/publish': 'par.round.run',
  'PUT /api/par/rounds/{roundId}/survey': 'par.round.run',
  'POST /api/par/rounds/{roundId}/survey/import': 'par.round.run',
  'GET /api/par/rounds/{roundId}/sheets/{unitCode}': 'par.sheet.read',
  'PUT /api/par/rounds/{roundId}/sheets/{unitCode}': 'par.sheet.fill',
  'POST /api/par/rounds/{roundId}/sheets/{unitCode}/submit': 'par.sheet.fill',
  'POST /api/par/rounds/{roundId}/sheets/{unitCode}/evidence': 'par.sheet.fill',
  'GET /api/par/rounds/{roundId}/sheets/{unitCode}/evidence/{id}': 'par.sheet.read',
  'GET /api/par/rounds/{roundId}/sheets/{unitCode}/sheet.docx': 'par.sheet.read',
  'PUT /api/par/rounds/{roundId}/sheets/{unitCode}/appraisal': 'par.sheet.appraise',
  'PUT /api/par/rounds/{roundId}/sheets/{unitCode}/explanation': 'par.sheet.fill',
  'POST /api/par/rounds/{roundId}/sheets/{unitCode}/finalize': 'par.sheet.appraise',
  'POST /api/par/rounds/{roundId}/sheets/{unitCode}/adjustments': 'par.sheet.appraise',
  'DELETE /api/par/rounds/{roundId}/sheets/{unitCode}/adjustments/{id}': 'par.sheet.appraise',
  'GET /api/rollups/failures': 'rollups.admin',
  'POST /api/rollups/{unitCode}/{period}/retry': 'rollups.admin',
  'GET /api/notices': 'notices.self',
  'GET /api/notices/unread-count': 'notices.self',
  'POST /api/notices/read': 'notices.self',
  'GET /api/notices/preferences': 'notices.self',
  'PUT /api/notices/preferences': 'notices.self',
  'GET /api/reminders/{unitCode}/{period}': 'submissions.read',
  'POST /api/reminders/{unitCode}/{period}': 'reminders.send',
  'POST /api/reminders/{unitCode}/{period}/all': 'reminders.sendAll',
  'GET /api/quality/{unitCode}/{period}': 'report.read',
  'GET /api/quality/{unitCode}/{period}/children': 'submissions.read',
} as const satisfies Record<string, AccessAction | 'public'>;

/** The caller as the policy needs it: roles and its unit (administrators: none). */
export interface AccessSubject {
  roles: readonly Role[];
  unitCode: string | null;
  /** "/46/477/" — the unit's path; null for administrators. */
  unitPath: string | null;
  /** The level of the caller's unit (only grants with callerLevels read it). */
  unitLevel?: UnitLevel | null;
}

/** The unit acted on: 'national' for the whole country ("VN"), null for actions on no unit. */
export type AccessTarget = { code: string; path: string; parentCode: string | null; level: UnitLevel } | 'national' | null;

export function relationOf(subject: Pick<AccessSubject, 'unitCode' | 'unitPath'>, target: AccessTarget): UnitRelation {
  if (target === null) return 'none';
  if (target === 'national') return 'national';
  if (subject.unitCode === null || subject.unitPath === null) return 'outside';
  // GSO reuses codes across trees (19867 was Thị trấn Sịa, is Xã Quảng Điền): the same code elsewhere in
  // the tree is another unit, so "own" needs the path too.
  if (!target.path.startsWith(subject.unitPath)) return 'outside';
  if (target.code === subject.unitCode) return 'own';
  return target.parentCode === subject.unitCode ? 'child' : 'descendant';
}

export type AccessDecision =
  | { allowed: true; relation: UnitRelation; role: Role }
  /** scope: no role of the caller reaches that unit at all (outside its subtree); role: it does, but not for this action. */
  | { allowed: false; relation: UnitRelation; reason: 'scope' | 'role' };

/** The first role of these that the action grants at that relation (and level), if any. */
export function grantingRole(roles: readonly Role[], action: AccessAction, relation: UnitRelation, level: UnitLevel | null, callerLevel: UnitLevel | null = null): Role | null {
  const policy: ActionPolicy = ACCESS_POLICY[action];
  for (const role of ROLES) {
    if (!roles.includes(role)) continue;
    const grant = policy.grants[role];
    if (!grant || !grant.relations.includes(relation)) continue;
    if (grant.levels && (level === null || !grant.levels.includes(level))) continue;
    if (grant.callerLevels && (callerLevel === null || !grant.callerLevels.includes(callerLevel))) continue;
    return role;
  }
  return null;
}

/** Whether some role of the caller may act where the unit stands relative to it: the answer every route goes by. */
export function decideAccess(subject: AccessSubject, action: AccessAction, target: AccessTarget): AccessDecision {
  const relation = relationOf(subject, target);
  const role = grantingRole(subject.roles, action, relation, target === null || target === 'national' ? null : target.level, subject.unitLevel ?? null);
  if (role) return { allowed: true, relation, role };
  // Outside the subtree (or the whole country) for a non-administrator: the unit is not theirs at all.
  const reason = relation === 'outside' || relation === 'national' ? 'scope' : 'role';
  return { allowed: false, relation, reason };
}

export const can = (subject: AccessSubject, action: AccessAction, target: AccessTarget): boolean => decideAccess(subject, action, target).allowed;

/**
 * For screens that know a unit's code and parent but not its path (the web's menus and redirects): the
 * same grants, with "own" and "child" told by code. The API decides with the full relation.
 */
function byCodes(actor: { roles: readonly Role[]; unitCode: string | null }, unit: { code: string; parentCode: string | null }): UnitRelation {
  if (actor.unitCode !== null && unit.code === actor.unitCode) return 'own';
  if (actor.unitCode !== null && unit.parentCode === actor.unitCode) return 'child';
  return 'outside';
}
export const mayEditReport = (actor: { roles: readonly Role[]; unitCode: string | null }, unit: { code: string; parentCode: string | null }): boolean =>
  grantingRole(actor.roles, 'report.write', byCodes(actor, unit), null) !== null;
export const mayReviewReport = (actor: { roles: readonly Role[]; unitCode: string | null }, unit: { code: string; parentCode: string | null }): boolean =>
  grantingRole(actor.roles, 'report.review', byCodes(actor, unit), null) !== null;

/** Reachable while an administrator-set password is pending (change-password, logout, me). */
export const allowedWhilePasswordPending = (action: AccessAction): boolean => (ACCESS_POLICY[action] as ActionPolicy).whilePasswordPending === true;

/** The routes declaring an action, for the policy table. */
export function routesOf(action: AccessAction | 'public'): string[] {
  return Object.entries(ROUTE_ACCESS)
    .filter(([, a]) => a === action)
    .map(([r]) => r);
}

/** The policy as a Markdown table (docs/security.md holds it between markers; a test keeps it fresh). */
export function accessPolicyMarkdown(): string {
  const cell = (g: Grant | undefined) => {
    if (!g) return '—';
    if (g.relations === EVERYWHERE) return 'any';
    const rel = g.relations.join(', ');
    const only = [g.levels && `${g.levels.join('/')} units only`, g.callerLevels && `${g.callerLevels.join('/')} accounts only`].filter(Boolean);
    return only.length ? `${rel} (${only.join('; ')})` : rel;
  };
  const lines = [
    `| action | ${ROLES.join(' | ')} | routes |`,
    `|---|${ROLES.map(() => '---').join('|')}|---|`,
  ];
  for (const action of ACCESS_ACTIONS) {
    const p: ActionPolicy = ACCESS_POLICY[action];
    const routes = routesOf(action).map((r) => `\`${r}\``);
    if (action === 'queues.admin') routes.push('`/api/admin/queues` (Bull Board)');
    const name = `\`${action}\`${p.whilePasswordPending ? ' ¹' : ''}: ${p.en}`;
    lines.push(`| ${name} | ${ROLES.map((r) => cell(p.grants[r])).join(' | ')} | ${routes.join('<br>') || '—'} |`);
  }
  lines.push(`| public (no token) | — | — | — | — | ${routesOf('public').map((r) => `\`${r}\``).join('<br>')} |`);
  return lines.join('\n');
}

/** Where docs/security.md holds the generated table (`npm run docs:policy`). */
export const POLICY_DOC_START = '<!-- access-policy:start (generated by npm run docs:policy; do not edit by hand) -->';
export const POLICY_DOC_END = '<!-- access-policy:end -->';
