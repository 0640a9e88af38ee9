import { Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { IndicatorNode } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import type { ReturnReportBody } from '../../api/schema-types';

interface FormValues {
  comment: string;
  items?: { code?: string; text?: string }[];
}

/** Return with a general comment and, optionally, a comment on each indicator to fix. */
export function ReturnReportModal({ open, nodes, suggested, loading, onCancel, onSubmit }: { open: boolean; nodes: IndicatorNode[]; suggested: string[]; loading: boolean; onCancel: () => void; onSubmit: (body: ReturnReportBody) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [form] = Form.useForm<FormValues>();
  const options = nodes.filter((n) => n.valueType).map((n) => ({ value: n.code, label: `${n.code} ${en && n.titleEn ? n.titleEn : n.title}` }));
  return (
    <Modal
      open={open}
      title={t('review.returnTitle')}
      okText={t('review.return')}
      okButtonProps={{ danger: true, loading, 'data-testid': 'return-confirm' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ items: suggested.map((code) => ({ code, text: '' })) }}
        onFinish={(v) => {
          const indicatorComments: Record<string, string> = {};
          for (const i of v.items ?? []) if (i.code && i.text?.trim()) indicatorComments[i.code] = i.text.trim();
          onSubmit({ comment: v.comment.trim(), ...(Object.keys(indicatorComments).length ? { indicatorComments } : {}) });
        }}
      >
        <Form.Item name="comment" label={t('review.generalComment')} rules={[{ required: true, whitespace: true, message: t('review.commentRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="return-comment" placeholder={t('review.commentPlaceholder')} />
        </Form.Item>
        <Typography.Text strong>{t('review.indicatorComments')}</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex', width: '100%' }} wrap>
                  <Form.Item name={[f.name, 'code']} style={{ minWidth: 200, marginBottom: 8 }}>
                    <Select showSearch optionFilterProp="label" options={options} placeholder={t('review.pickIndicator')} style={{ width: 220 }} popupMatchSelectWidth={false} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} style={{ flex: 1, minWidth: 200, marginBottom: 8 }}>
                    <Input placeholder={t('review.indicatorCommentPlaceholder')} data-testid={`return-indicator-comment-${f.name}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ code: undefined, text: '' })} size="small">
                {t('review.addIndicatorComment')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
