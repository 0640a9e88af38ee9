import { useMemo } from 'react';
import { Typography } from 'antd';
import { evaluateReport } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { useFetchTemplate } from '../../api/hooks/use-fetch-template';
import type { Report } from '../../api/schema-types';

/**
 * A draft's line on the officer's home card. The counts are the API's, which come from the same
 * shared evaluateReport as the form's badge, check tab and submit dialog, so they agree.
 */
export function ReportProgress({ report, periodId }: { report: Report; periodId: string }) {
  const { t } = useTranslation();
  const template = useFetchTemplate(report.templateVersion);
  const progress = useMemo(() => (template.data ? evaluateReport(template.data, report.values, { level: 'commune' }) : null), [template.data, report.values]);
  return (
    <Typography.Text type="secondary" data-testid={`home-counts-${periodId}`}>
      {t('home.filled', {
        filled: progress?.filled ?? Object.keys(report.values).length,
        total: progress?.total ?? '…',
        errors: report.errorCount,
        warnings: report.warningCount,
      })}
    </Typography.Text>
  );
}
