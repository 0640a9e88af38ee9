import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorText } from '../../api/api-error';
import { useAuth } from '../../lib/auth-context';
import { AuthScreen } from './auth-screen';
import { useChangePassword } from '../../api/hooks/use-account';
import { useFeedback } from '../../lib/feedback';

interface ChangeForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * One's own new password. `forced`: right after an administrator's reset, the only screen there is
 * (the token allows nothing else), shown on its own like the login page.
 */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = useFeedback();
  const { user, signIn, signOut } = useAuth();
  const change = useChangePassword();
  const navigate = useNavigate();
  const [form] = Form.useForm<ChangeForm>();
  const lang = i18n.language;

  // The policy's reason belongs under the field the API names; anything else goes above the form.
  const fieldError = (name: keyof ChangeForm) =>
    change.error instanceof ApiError && change.error.field === name ? change.error.text(lang) : undefined;
  const formError = change.isError && !(change.error instanceof ApiError && (change.error.field === 'currentPassword' || change.error.field === 'newPassword'));

  const onFinish = (v: ChangeForm) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: (res) => {
          signIn(res.accessToken, { ...res.user, unitLevel: user?.unitLevel ?? null }, res.mustChangePassword);
          void message.success(t('account.done'));
          form.resetFields();
          void navigate('/', { replace: true });
        },
      },
    );

  const body = (
    <>
      <Typography.Title level={forced ? 3 : 4} style={{ marginBottom: 4 }}>
        {forced ? t('account.forcedTitle') : t('account.changePassword')}
      </Typography.Title>
      {forced && <Alert type="info" showIcon message={t('account.forcedHint')} style={{ margin: '12px 0 16px' }} data-testid="forced-change" />}
      {formError && <Alert type="error" showIcon message={errorText(change.error, lang)} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form<ChangeForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} onValuesChange={() => change.isError && change.reset()}>
        <Form.Item
          name="currentPassword"
          label={t('account.current')}
          rules={[{ required: true, message: t('account.required') }]}
          validateStatus={fieldError('currentPassword') ? 'error' : undefined}
          help={fieldError('currentPassword')}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.new')}
          extra={t('account.policy')}
          rules={[{ required: true, message: t('account.required') }]}
          validateStatus={fieldError('newPassword') ? 'error' : undefined}
          help={fieldError('newPassword')}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.mismatch'))),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block={forced} loading={change.isPending} data-testid="change-password-submit">
          {t('account.submit')}
        </Button>
        {forced && (
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={() => {
              void signOut().then(() => navigate('/login', { replace: true }));
            }}
          >
            {t('nav.logout')}
          </Button>
        )}
      </Form>
    </>
  );

  if (!forced) return <Card style={{ maxWidth: 480 }} data-testid="change-password">{body}</Card>;
  return <AuthScreen testId="change-password">{body}</AuthScreen>;
}
