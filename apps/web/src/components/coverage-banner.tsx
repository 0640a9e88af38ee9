import { Alert, Tag } from 'antd';
import { Typography } from './plain-typography';
import { useTranslation } from 'react-i18next';
import type { Coverage, UnitRef } from '../api/schema-types';
import { fmtDateTime } from '../lib/format';

/** "12/16 xã đã được tính": shown wherever a summary is, so nobody reads a partial figure as a whole. */
export function CoverageBanner({ coverage, childLevel }: { coverage: Coverage; childLevel: 'commune' | 'district' }) {
  const { t } = useTranslation();
  const complete = coverage.expected > 0 && coverage.reported >= coverage.expected;
  const missing = coverage.missing.map((m) => (typeof m === 'string' ? m : (m as UnitRef).name || (m as UnitRef).code));
  return (
    <Alert
      type={complete ? 'success' : 'warning'}
      showIcon
      data-testid="coverage"
      message={
        <span>
          <strong>{t(`coverage.counted_${childLevel}`, { reported: coverage.reported, expected: coverage.expected })}</strong>
          {coverage.asOf && <Typography.Text type="secondary"> · {t('coverage.asOf', { at: fmtDateTime(coverage.asOf) })}</Typography.Text>}
        </span>
      }
      description={
        missing.length > 0 ? (
          <div>
            {t('coverage.missing')}{' '}
            {missing.slice(0, 30).map((m) => (
              <Tag key={m}>{m}</Tag>
            ))}
            {missing.length > 30 && <span>{t('coverage.andMore', { count: missing.length - 30 })}</span>}
          </div>
        ) : undefined
      }
    />
  );
}
