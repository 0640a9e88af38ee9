import { Button, Modal, Typography } from 'antd';
import type { Finding } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { FindingList } from '../../components/report/finding-list';

/** Why a submit was refused: the blocking findings, each with "Đến ô này". */
export function SubmitBlockersModal({ blockers, warningCount, onClose, onJump }: { blockers: Finding[] | null; warningCount: number; onClose: () => void; onJump: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={blockers !== null}
      title={t('form.submit.blockedTitle', { count: blockers?.length ?? 0 })}
      onCancel={onClose}
      // "Đến ô này" puts the cursor in the input: closing must not hand it back to the submit button.
      focusTriggerAfterClose={false}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      data-testid="submit-blockers"
    >
      <Typography.Paragraph>{t('form.submit.blockedBody')}</Typography.Paragraph>
      {warningCount > 0 && <Typography.Paragraph type="secondary" data-testid="blocked-warnings">{t('form.submit.blockedWarnings', { count: warningCount })}</Typography.Paragraph>}
      <FindingList findings={blockers ?? []} onJump={onJump} counts={false} />
    </Modal>
  );
}
