import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { defaultPeriodWindow, parsePeriodId, periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/api-error';
import type { Period } from '../../api/schema-types';
import { usePeriod } from '../../lib/period-context';
import { ErrorState, LoadingState } from '../../components/query-state';
import { fmtDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { useUpdatePeriod } from './hooks/use-update-period';
import { useFeedback } from '../../lib/feedback';

interface EditForm {
  id: string;
  startDate: Dayjs;
  endDate: Dayjs;
  deadline: Dayjs;
}

/** Periods, their data windows and deadlines (defaults from the Ministry's rules, editable). */
export function PeriodsAdminPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { periods, isPending, error } = usePeriod();
  const update = useUpdatePeriod();
  const { message } = useFeedback();
  const [editing, setEditing] = useState<Period | 'new' | null>(null);
  const [form] = Form.useForm<EditForm>();
  const narrow = useIsNarrow();

  const open = (p: Period | 'new') => {
    setEditing(p);
    form.setFieldsValue(p === 'new' ? { id: '' } : { id: p.id, startDate: dayjs(p.startDate), endDate: dayjs(p.endDate), deadline: dayjs(p.deadline) });
  };
  const onIdChange = (id: string) => {
    const parsed = parsePeriodId(id);
    if (!parsed) return;
    const w = defaultPeriodWindow(parsed.id);
    form.setFieldsValue({ startDate: dayjs(w.startDate), endDate: dayjs(w.endDate), deadline: dayjs(w.deadline) });
  };
  const onFinish = (v: EditForm) => {
    const id = parsePeriodId(v.id)?.id ?? v.id;
    update.mutate(
      { id, body: { startDate: v.startDate?.format('YYYY-MM-DD'), endDate: v.endDate?.format('YYYY-MM-DD'), deadline: v.deadline?.format('YYYY-MM-DD') } },
      {
        onSuccess: () => {
          message.success(t('admin.periods.saved', { period: periodLabel(id, en ? 'en' : 'vi') }));
          setEditing(null);
        },
      },
    );
  };

  return (
    <div data-testid="admin-periods">
      <div className="page-title">
        <Typography.Title level={1}>{t('nav.adminPeriods')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('admin.periods.add')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.periods.help')}</Typography.Paragraph>
      <Card size="small">
        {isPending ? (
          <LoadingState />
        ) : error ? (
          <ErrorState error={error} />
        ) : (
          <Table<Period>
            size="small"
            rowKey="id"
            dataSource={periods}
            pagination={false}
            scroll={{ x: narrow ? 560 : undefined }}
            columns={[
              { title: t('admin.periods.id'), dataIndex: 'id', width: 90 },
              { title: t('common.period'), key: 'label', render: (_, p) => (en ? p.labelEn : p.label) },
              { title: t('admin.periods.window'), key: 'window', render: (_, p) => `${fmtDate(p.startDate)} – ${fmtDate(p.endDate)}` },
              { title: t('admin.periods.deadline'), dataIndex: 'deadline', render: (v: string) => <strong>{fmtDate(v)}</strong> },
              { title: '', key: 'edit', width: 60, render: (_, p) => <Button size="small" icon={<EditOutlined />} onClick={() => open(p)} aria-label={t('common.edit')} /> },
            ]}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.periods.add') : t('admin.periods.edit', { period: editing ? (en ? editing.labelEn : editing.label) : '' })}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        {update.isError && <Alert type="error" showIcon message={errorText(update.error, i18n.language)} style={{ marginBottom: 12 }} />}
        <Form<EditForm> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item
            name="id"
            label={t('admin.periods.id')}
            extra={t('admin.periods.idHelp')}
            rules={[{ required: true, validator: (_, v: string) => (parsePeriodId(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('admin.periods.idInvalid')))) }]}
          >
            <Input disabled={editing !== 'new'} onChange={(e) => onIdChange(e.target.value)} placeholder="2024Q1" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startDate" label={t('admin.periods.start')} rules={[{ required: true }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="endDate" label={t('admin.periods.end')} rules={[{ required: true }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="deadline" label={t('admin.periods.deadline')} rules={[{ required: true }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
