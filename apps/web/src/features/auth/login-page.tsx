import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorText } from '../../api/api-error';
import { useAuth } from '../../lib/auth-context';
import { AuthScreen } from './auth-screen';
import { useLogin } from './hooks/use-login';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { user, signIn, expired, mustChangePassword } = useAuth();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  // After an administrator's reset the new password comes first (the app shows nothing else until then).
  if (user) return <Navigate to={mustChangePassword ? '/change-password' : from} replace />;

  const onFinish = (v: LoginForm) =>
    login.mutate(v, {
      onSuccess: (res) => {
        signIn(res.accessToken, res.user, res.mustChangePassword);
        void navigate(res.mustChangePassword ? '/change-password' : from, { replace: true });
      },
    });

  return (
    <AuthScreen testId="login-card">
        <Typography.Title level={1} style={{ marginBottom: 4 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {expired && <Alert type="warning" showIcon message={t('login.expired')} style={{ marginBottom: 16 }} />}
        {login.isError && <Alert type="error" showIcon message={errorText(login.error, i18n.language)} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="xa.19870" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        {/* Demo accounts are named only in development builds or when the build asks for it: never on a real server by default. */}
        {(import.meta.env.DEV || import.meta.env.VITE_DEMO_HINT === 'true') && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
            {t('login.demoHint')}
          </Typography.Paragraph>
        )}
    </AuthScreen>
  );
}
