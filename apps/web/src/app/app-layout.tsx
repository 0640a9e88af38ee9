import { useState } from 'react';
import { Button, Dropdown, Layout, Menu, Select, Space, Typography } from 'antd';
import {
  BarChartOutlined,
  CalendarOutlined,
  DownloadOutlined,
  FileTextOutlined,
  HomeOutlined,
  LogoutOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { useIsNarrow } from '../lib/use-is-narrow';
import { useAuth, useUser } from '../features/auth/auth-context';
import { usePeriod } from './period-context';
import { ROLE_SCREENS, type Screen } from './roles';

const SCREEN_PATHS: Record<Screen, string> = {
  home: '/',
  report: '/reports',
  submissions: '/submissions',
  summary: '/summary',
  rankings: '/rankings',
  exports: '/exports',
  adminPeriods: '/admin/periods',
  adminUsers: '/admin/users',
};

const SCREEN_ICONS: Record<Screen, React.ReactNode> = {
  home: <HomeOutlined />,
  report: <FileTextOutlined />,
  submissions: <TableOutlined />,
  summary: <BarChartOutlined />,
  rankings: <TrophyOutlined />,
  exports: <DownloadOutlined />,
  adminPeriods: <CalendarOutlined />,
  adminUsers: <TeamOutlined />,
};

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { signOut } = useAuth();
  const { periods, periodId, setPeriodId } = usePeriod();
  const navigate = useNavigate();
  const location = useLocation();
  const narrow = useIsNarrow();
  const [collapsed, setCollapsed] = useState(true);
  const en = i18n.language.startsWith('en');

  const screens = ROLE_SCREENS[user.role];
  const selected = screens
    .filter((s) => s !== 'home')
    .find((s) => location.pathname.startsWith(SCREEN_PATHS[s]) || (s === 'submissions' && location.pathname.startsWith('/review')));
  const items = screens.map((s) => ({ key: s, icon: SCREEN_ICONS[s], label: t(`nav.${s}`) }));

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <Typography.Text strong className="app-header__title" onClick={() => navigate('/')}>
          {narrow ? t('app.short') : t('app.title')}
        </Typography.Text>
        <Space size={narrow ? 4 : 12} wrap={false} className="app-header__tools">
          {user.role !== 'admin' && periods.length > 0 && (
            <Select
              data-testid="period-select"
              size="small"
              value={periodId ?? undefined}
              onChange={setPeriodId}
              style={{ minWidth: narrow ? 110 : 190 }}
              options={periods.map((p) => ({ value: p.id, label: en ? p.labelEn : p.label }))}
              aria-label={t('common.period')}
            />
          )}
          <LanguageSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: <span>{user.displayName}<br /><Typography.Text type="secondary">{t(`role.${user.role}`)}{user.unitName ? ` · ${user.unitName}` : ''}</Typography.Text></span>, disabled: true },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') {
                  signOut();
                  navigate('/login');
                }
              },
            }}
          >
            <Button size="small" icon={<UserOutlined />} data-testid="user-menu">
              {narrow ? null : user.displayName}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          breakpoint="lg"
          collapsedWidth={narrow ? 0 : 64}
          collapsible
          collapsed={narrow ? collapsed : undefined}
          onCollapse={(c) => setCollapsed(c)}
          theme="light"
          width={220}
          className="app-sider"
        >
          <Menu
            mode="inline"
            selectedKeys={[selected ?? 'home']}
            items={items}
            onClick={({ key }) => {
              if (narrow) setCollapsed(true);
              navigate(SCREEN_PATHS[key as Screen]);
            }}
          />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
