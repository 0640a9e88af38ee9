import { lazy, Suspense, useState } from 'react';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import type { HistorySummary, Period } from '../api/schema-types';

/** "Xã Quảng Thọ" → "Quảng Thọ": the list names communes, the heading already says they are communes. */
const shortName = (name: string) => name.replace(/^(Xã|Thị trấn|Phường|Đặc khu)\s+/u, '');
const MAX_NAMES = 8;

// The comparison drawer (antd Drawer and Table, ~50 KB brotli) loads when first opened: the commune
// form shows this card on its first screen, the table only on demand.
const ComparisonDrawer = lazy(() => import('./pre-merger-comparison').then((m) => ({ default: m.ComparisonDrawer })));

/** The pre-merger card of PreMergerHistory (pre-merger-history.tsx), for a unit of the new tree. */
export function PreMergerCard({ unitCode, period, source, oldPeriod, oldPeriods, onChoose, history: h, pending }: {
  unitCode: string;
  period: string;
  source: 'report' | 'summary';
  oldPeriod: string;
  oldPeriods: Period[];
  onChoose: (period: string) => void;
  /** The old period on today's unit, once read; `pending` while it is being read. */
  history: HistorySummary | undefined;
  pending: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const preds = h?.history.predecessors ?? [];
  const shown = preds.slice(0, MAX_NAMES).map((p) => shortName(p.name)).join(', ') + (preds.length > MAX_NAMES ? ', …' : '');
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="pre-merger-history" loading={pending}>
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        <Space wrap>
          <Typography.Text strong data-testid="pre-merger-heading">
            {t('premerger.heading', { count: preds.length, names: shown })}
          </Typography.Text>
          <Select
            size="small"
            aria-label={t('premerger.periodLabel')}
            value={oldPeriod}
            onChange={onChoose}
            style={{ minWidth: 150 }}
            data-testid="pre-merger-period"
            options={oldPeriods.map((p) => ({ value: p.id, label: periodLabel(p.id, lang) }))}
          />
          <Button size="small" type="primary" onClick={() => (setOpen(true), setOpened(true))} disabled={!h} data-testid="pre-merger-open">
            {t('premerger.open', { now: periodLabel(period, lang), old: periodLabel(oldPeriod, lang) })}
          </Button>
        </Space>
        {h && (
          <Typography.Text type="secondary">
            {t('premerger.coverage', { placed: h.history.coverage.placed, reported: h.history.coverage.reported, expected: h.history.coverage.expected })}
          </Typography.Text>
        )}
        {h && h.history.notPlaced.length > 0 && (
          <Space size={[4, 4]} wrap data-testid="pre-merger-not-placed">
            <Typography.Text type="secondary">{t('premerger.notPlaced')}</Typography.Text>
            {h.history.notPlaced.map((n) => (
              <Tag key={n.code} color="warning">
                {n.name} — {t(`premerger.reason.${n.reason}`)}
              </Tag>
            ))}
          </Space>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="vietmap-attribution">
          {t('premerger.attribution')}
        </Typography.Text>
      </Space>
      {h && opened && (
        <Suspense fallback={null}>
          <ComparisonDrawer
            open={open}
            onClose={() => setOpen(false)}
            title={t('premerger.drawerTitle', { old: periodLabel(oldPeriod, lang) })}
            history={h}
            unitCode={unitCode}
            period={period}
            oldPeriod={oldPeriod}
            source={source}
          />
        </Suspense>
      )}
    </Card>
  );
}

