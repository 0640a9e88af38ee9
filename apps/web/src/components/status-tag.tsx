import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportStatus, Timeliness } from '../api/schema-types';

const STATUS_COLORS: Record<ReportStatus | 'missing' | 'none', string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  missing: 'error',
  none: 'default',
};

export function StatusTag({ status }: { status: ReportStatus | 'missing' | 'none' }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={`status-${status}`}>
      {t(`status.${status}`)}
    </Tag>
  );
}

const TIMELINESS_COLORS: Record<Timeliness, string> = { on_time: 'green', late: 'orange', missing: 'red', not_due: 'default' };

export function TimelinessTag({ value }: { value: Timeliness }) {
  const { t } = useTranslation();
  return <Tag color={TIMELINESS_COLORS[value]}>{t(`timeliness.${value}`)}</Tag>;
}
