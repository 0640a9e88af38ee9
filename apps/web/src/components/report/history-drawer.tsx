import { Drawer, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState, EmptyState, LoadingState } from '../query-state';
import { fmtDateTime, fmtNumber } from '../../lib/format';
import { useFetchReportHistory } from '../../api/hooks/use-fetch-report-history';

/** Audit values are stored as text; numbers are shown the Vietnamese way. */
function show(v: string | null): string {
  if (v === null || v === '') return '—';
  const n = Number(v);
  if (/^-?\d+(\.\d+)?$/.test(v) && Number.isFinite(n)) return fmtNumber(n, 4);
  return v.length > 300 ? `${v.slice(0, 300)}…` : v;
}

/** Who changed what and when: the report's audit trail. */
export function HistoryDrawer({ unitCode, period, open, onClose }: { unitCode: string; period: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useFetchReportHistory(unitCode, period, open);
  return (
    <Drawer open={open} onClose={onClose} title={t('history.title')} width={Math.min(520, window.innerWidth)} data-testid="history-drawer">
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState text={t('history.empty')} />
      ) : (
        <Timeline
          items={[...history.data].reverse().map((e, i) => ({
            key: e.id ?? i,
            color: e.action === 'status' ? 'blue' : e.action === 'comment' ? 'orange' : 'gray',
            children: (
              <div data-testid="history-entry">
                <Typography.Text strong>{t(`history.action.${e.action}`, { defaultValue: e.action })}</Typography.Text>{' '}
                {e.field && (e.action === 'status' ? <Typography.Text type="secondary">({t(`history.transition.${e.field}`, { defaultValue: e.field })})</Typography.Text> : <Typography.Text code>{e.field}</Typography.Text>)}
                {e.action === 'status' ? (
                  <span>
                    {' '}
                    {t(`status.${e.before ?? 'none'}`, { defaultValue: e.before ?? '' })} → {t(`status.${e.after ?? 'none'}`, { defaultValue: e.after ?? '' })}
                  </span>
                ) : e.action === 'comment' || e.action === 'narrative' || e.action === 'note' ? (
                  <div style={{ whiteSpace: 'pre-wrap' }}>{show(e.after)}</div>
                ) : (
                  <span>
                    {' '}
                    {show(e.before)} → {show(e.after)}
                  </span>
                )}
                <div>
                  <Typography.Text type="secondary">
                    {fmtDateTime(e.at)} · {e.actor ?? ''}
                  </Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
