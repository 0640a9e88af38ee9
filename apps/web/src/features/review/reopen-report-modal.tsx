import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Reopening sends an approved report back to a unit that had finished: the reason is required and shown to it. */
export function ReopenReportModal({ open, loading, onCancel, onSubmit }: { open: boolean; loading: boolean; onCancel: () => void; onSubmit: (reason: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('review.reopenConfirm')}
      okText={t('review.reopen')}
      okButtonProps={{ loading, 'data-testid': 'reopen-confirm' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('review.reopenBody')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item name="reason" label={t('review.reopenReason')} rules={[{ required: true, whitespace: true, message: t('review.reopenReasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} data-testid="reopen-reason" placeholder={t('review.reopenReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
