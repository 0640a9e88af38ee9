import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { EmptyState, LoadingState } from '../../components/query-state';
import { useUser } from '../../lib/auth-context';
import { usePeriod } from '../../lib/period-context';

/** /reports → the officer's own report for the selected period. */
export function MyReportRedirect() {
  const user = useUser();
  const { periodId, isPending } = usePeriod();
  const { t } = useTranslation();
  if (isPending) return <LoadingState />;
  if (!user.unitCode || !periodId) return <EmptyState text={t('home.noPeriods')} />;
  return <Navigate to={`/reports/${user.unitCode}/${periodId}`} replace />;
}
