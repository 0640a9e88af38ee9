import { Button, Space, Tag } from 'antd';
import { Typography } from '../../components/plain-typography';
import { WarningOutlined } from '@ant-design/icons';
import type { ReportEvaluation } from '@cchc/shared';
import { useTranslation } from 'react-i18next';

interface Props {
  evaluation: ReportEvaluation;
  unsaved: number;
  onJump: (code: string) => void;
  /** Sections I–V with nothing written yet (shared emptyNarrativeSections). */
  emptySections?: readonly string[];
}

/** The form's badge: the shared evaluation's counts and how far the officer has got. */
export function FormProgress({ evaluation, unsaved, onJump, emptySections }: Props) {
  const { t } = useTranslation();
  const firstError = evaluation.findings.find((f) => f.severity === 'error');
  return (
    <Space wrap size={4}>
      {firstError ? (
        <Button size="small" danger icon={<WarningOutlined />} onClick={() => onJump(firstError.code)} data-testid="errors-count">
          {t('form.errorsCount', { count: evaluation.errorCount })}
        </Button>
      ) : (
        <Tag color="success" data-testid="errors-count">{t('form.noErrors')}</Tag>
      )}
      <Tag color={evaluation.warningCount > 0 ? 'warning' : undefined} data-testid="warnings-count">
        {t('form.warningsCount', { count: evaluation.warningCount })}
      </Tag>
      {unsaved > 0 && <Tag color="error" data-testid="unsaved-cells">{t('form.unreadable', { count: unsaved })}</Tag>}
      <Typography.Text type="secondary" data-testid="form-progress">
        {t('form.progress', { filled: evaluation.filled, total: evaluation.total, missing: evaluation.missingRequired.length })}
        {emptySections && ` · ${t('form.narrativeProgress', { written: 5 - emptySections.length })}`}
      </Typography.Text>
    </Space>
  );
}
