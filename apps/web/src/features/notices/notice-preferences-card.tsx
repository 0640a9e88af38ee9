import { useEffect } from 'react';
import { Alert, Button, Card, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/api-error';
import type { NoticePreferences } from '../../api/schema-types';
import { ErrorState, LoadingState } from '../../components/query-state';
import { useNoticePreferences, useSaveNoticePreferences } from './hooks/use-notices';
import { useFeedback } from '../../lib/feedback';

interface PrefsForm {
  email: string;
  emailNotices: boolean;
  locale: NoticePreferences['locale'];
}

/** The account's e-mail address and whether notices are e-mailed too (the server may have no SMTP: in-app only). */
export function NoticePreferencesCard() {
  const { t, i18n } = useTranslation();
  const { message } = useFeedback();
  const prefs = useNoticePreferences();
  const save = useSaveNoticePreferences();
  const [form] = Form.useForm<PrefsForm>();
  const data = prefs.data;

  useEffect(() => {
    if (data) form.setFieldsValue({ email: data.email ?? '', emailNotices: data.emailNotices, locale: data.locale });
  }, [data, form]);

  const onFinish = (v: PrefsForm) =>
    save.mutate(
      { email: v.email.trim() || null, emailNotices: v.emailNotices, locale: v.locale },
      {
        onSuccess: () => void message.success(t('notices.prefs.saved')),
        onError: (e) => {
          const text = errorText(e, i18n.language);
          form.setFields([{ name: 'email', errors: [text] }]);
        },
      },
    );

  return (
    <Card size="small" title={t('notices.prefs.title')} data-testid="notice-preferences">
      {prefs.isPending ? (
        <LoadingState rows={3} />
      ) : prefs.isError ? (
        <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : (
        <>
          {!prefs.data.emailAvailable && <Alert type="info" showIcon message={t('notices.prefs.noSmtp')} style={{ marginBottom: 12 }} />}
          {prefs.data.emailAvailable && !prefs.data.email && <Alert type="info" showIcon message={t('notices.prefs.noAddress')} style={{ marginBottom: 12 }} />}
          <Form<PrefsForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} style={{ maxWidth: 480 }}>
            <Form.Item name="email" label={t('notices.prefs.email')} rules={[{ type: 'email', message: t('notices.prefs.emailInvalid') }]}>
              <Input type="email" autoComplete="email" placeholder={t('notices.prefs.emailPlaceholder')} data-testid="prefs-email" />
            </Form.Item>
            <Form.Item name="emailNotices" label={t('notices.prefs.receive')} valuePropName="checked">
              <Switch data-testid="prefs-receive" />
            </Form.Item>
            <Form.Item name="locale" label={t('notices.prefs.locale')}>
              <Select
                style={{ maxWidth: 200 }}
                options={[
                  { value: 'vi', label: 'Tiếng Việt' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="prefs-save">
              {t('common.save')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
