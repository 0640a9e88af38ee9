import { Button, Space, Tag } from 'antd';
import type { Finding } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../query-state';
import { PlainList } from '../plain-list';

/** The shared rules' findings, errors first; with `onJump`, each links to its indicator. */
export function FindingList({ findings, onJump, counts = true }: { findings: Finding[]; onJump?: (code: string) => void; counts?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (findings.length === 0) return <EmptyState text={t('form.noFindings')} />;
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <PlainList
      testId="finding-list"
      header={
        counts ? (
          <span data-testid="finding-list-counts">
            {t('form.findingCounts', { errors, warnings: findings.length - errors })}
          </span>
        ) : undefined
      }
      items={sorted}
      rowKey={(f, i) => `${f.code}:${i}`}
      actions={onJump ? (f) => <Button size="small" type="link" onClick={() => onJump(f.code)} data-testid={`go-to-${f.code}`}>{t('form.goTo')}</Button> : undefined}
      render={(f) => (
        <Space align="start">
          <Tag color={f.severity === 'error' ? 'error' : 'warning'}>{t(`severity.${f.severity}`)}</Tag>
          <span>{en ? f.message.en : f.message.vi}</span>
        </Space>
      )}
    />
  );
}

