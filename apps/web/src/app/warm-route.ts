import { hashKey, type Query, type QueryClient } from '@tanstack/react-query';
import { previousPeriodId } from '@cchc/shared';
import { api } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { Period } from '../api/schema-types';
import { tokenStore } from '../api/token-store';
import { passwordChangePending } from '../lib/auth-context';
import { routeModules } from './route-modules';

const PERIODS_STALE_MS = 5 * 60_000;
const PERIODS_HASH = hashKey(queryKeys.periods());
const REPORT_PATH = /^\/(reports|review)\/([^/]+)\/([^/]+)\/?$/;

/**
 * Asks, as soon as the entry script runs, for what the opened address will need: its screen's
 * chunks together with the signed-in layout's (not one after the other), and — on a report page —
 * the API reads in parallel (periods, the report, its unit, last year's report, the template), not
 * as the chain the components would make (layout → page → report → template → previous). On a
 * 150 ms link every link of a chain costs a round trip. The queries use the hooks' keys and fetchers,
 * so the components find them in flight or done; a failure here is left for the component to retry.
 */
const TEMPLATE_OF_KEY = 'cchc.templateOfPeriod';

/** Which template version each period binds, as last seen: lets a returning officer's form ask for its template at once. */
function rememberedTemplates(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(TEMPLATE_OF_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function warmRoute(qc: QueryClient, pathname: string): void {
  qc.getQueryCache().subscribe((e) => {
    const q = e.query as Query;
    const ps = e.type === 'updated' && q.queryHash === PERIODS_HASH ? (q.state.data as Period[] | undefined) : undefined;
    if (ps) localStorage.setItem(TEMPLATE_OF_KEY, JSON.stringify(Object.fromEntries(ps.map((p) => [p.id, p.templateVersion]))));
  });
  if (!tokenStore.get()) {
    void routeModules.login().catch(() => undefined);
    return;
  }
  // Such a session is refused everything but the password change: nothing to warm.
  if (passwordChangePending()) return;
  const periods = qc.fetchQuery({ queryKey: queryKeys.periods(), queryFn: api.periods, staleTime: PERIODS_STALE_MS });
  periods.catch(() => undefined);
  const m = REPORT_PATH.exec(pathname);
  if (!m) {
    void routeModules.shell().catch(() => undefined);
    if (pathname === '/') void routeModules.home().catch(() => undefined);
    return;
  }
  const [, screen, unitCode, period] = m.map(decodeURIComponent);
  // The API reads go first: an emulated (and a real) slow link serves requests roughly in order,
  // and these few kilobytes should not wait behind the screen's scripts.
  const template = (version: string) => void qc.prefetchQuery({ queryKey: queryKeys.template(version), queryFn: () => api.template(version), staleTime: Infinity, gcTime: Infinity });
  // A report names its template version, one not started uses its period's (normally the same one):
  // asked for as soon as any of them is known, without waiting for the others.
  const remembered = rememberedTemplates()[period];
  if (remembered) template(remembered);
  void qc.prefetchQuery({ queryKey: queryKeys.unit(unitCode), queryFn: () => api.unit(unitCode) });
  void qc.fetchQuery({ queryKey: queryKeys.report(unitCode, period), queryFn: () => api.report(unitCode, period) }).then((r) => r && template(r.templateVersion), () => undefined);
  const prev = previousPeriodId(period);
  if (prev) void qc.prefetchQuery({ queryKey: queryKeys.report(unitCode, prev), queryFn: () => api.report(unitCode, prev).catch(() => null) });
  void periods.then((ps) => {
    const v = ps.find((p) => p.id === period)?.templateVersion;
    if (v) template(v);
  }, () => undefined);
  void routeModules.shell().catch(() => undefined);
  void (screen === 'reports' ? routeModules.reportForm() : routeModules.review()).catch(() => undefined);
}
