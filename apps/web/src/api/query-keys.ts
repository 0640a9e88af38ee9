/** Every TanStack Query key of the app, in one place, so invalidation cannot miss a spelling. */
export const queryKeys = Object.freeze({
  me: () => ['me'] as const,
  template: () => ['template', 'current'] as const,
  periods: () => ['periods'] as const,
  unit: (code: string) => ['unit', code] as const,
  reports: () => ['report'] as const,
  report: (unitCode: string, period: string) => ['report', unitCode, period] as const,
  reportHistory: (unitCode: string, period: string) => ['report', unitCode, period, 'history'] as const,
  reportDiff: (unitCode: string, period: string) => ['report', unitCode, period, 'diff'] as const,
  submissions: (unitCode: string, period: string) => ['submissions', unitCode, period] as const,
  allSubmissions: () => ['submissions'] as const,
  summary: (unitCode: string, period: string) => ['summary', unitCode, period] as const,
  allSummaries: () => ['summary'] as const,
  ranking: (unitCode: string, period: string, scope: string) => ['ranking', unitCode, period, scope] as const,
  allRankings: () => ['ranking'] as const,
  rankingBreakdown: (unitCode: string, period: string) => ['ranking-breakdown', unitCode, period] as const,
  users: () => ['users'] as const,
});
