import { lazy, Suspense, useState } from 'react';
import { Button, Dropdown, Layout, Menu, Select, Space, Typography } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DownloadOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { ErrorState, LoadingState } from '../components/query-state';
import { useIsNarrow } from '../lib/use-is-narrow';
import { useAuth, useUser } from '../lib/auth-context';
import { confirmLeave } from '../features/report-form/leave-guard';
import { usePeriod } from '../lib/period-context';
import { NoticeBell } from '../features/notices/notice-bell';
import { hasRole } from '../lib/roles';
import { screensOf, type Screen } from './roles';

// The menu's drawer, on a phone only, loads when first opened: a desktop (the commune form's bench) never
// downloads it (~4 KB), and a first render, before antd has measured the window, counts as narrow.
const Drawer = lazy(() => import('antd/es/drawer'));

const SCREEN_PATHS: Record<Screen, string> = {
  home: '/',
  report: '/reports',
  submissions: '/submissions',
  summary: '/summary',
  rankings: '/rankings',
  exports: '/exports',
  adminPeriods: '/admin/periods',
  adminUsers: '/admin/users',
  adminRollups: '/admin/rollups',
  adminTemplates: '/admin/templates',
  par: '/par',
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
  adminRollups: <WarningOutlined />,
  adminTemplates: <ProfileOutlined />,
  par: <AuditOutlined />,
};

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { signOut } = useAuth();
  const { periods, periodId, setPeriodId, error: periodError } = usePeriod();
  const navigate = useNavigate();
  const location = useLocation();
  const narrow = useIsNarrow();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const en = i18n.language.startsWith('en');

  const screens = screensOf(user);
  const selected = screens
    .filter((s) => s !== 'home')
    .find((s) => location.pathname.startsWith(SCREEN_PATHS[s]) || (s === 'submissions' && location.pathname.startsWith('/review')));
  // The unit's own report is named by its level: a district officer files the district's, not a commune's.
  const label = (s: (typeof screens)[number]) => (s === 'report' && user.unitLevel ? t(`nav.report_${user.unitLevel}`) : t(`nav.${s}`));
  const items = screens.map((s) => ({ key: s, icon: SCREEN_ICONS[s], label: label(s) }));

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected ?? 'home']}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(SCREEN_PATHS[key as Screen]);
      }}
    />
  );

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <Space size={4} style={{ minWidth: 0 }}>
          {narrow && <Button type="text" icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => (setDrawerUsed(true), setDrawerOpen(true))} aria-label={t('nav.menu')} data-testid="nav-menu" />}
          <Typography.Text strong className="app-header__title" onClick={() => navigate('/')}>
            {narrow ? t('app.short') : t('app.title')}
          </Typography.Text>
        </Space>
        <Space size={narrow ? 4 : 12} wrap={false} className="app-header__tools">
          {!hasRole(user, 'administrator') && periods.length > 0 && (
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
          <NoticeBell />
          <LanguageSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: <span>{user.displayName}<br /><Typography.Text type="secondary">{user.roles.map((r) => t(`role.${r}`)).join(', ')}{user.unitName ? ` · ${user.unitName}` : ''}</Typography.Text></span>, disabled: true },
                { type: 'divider' },
                { key: 'password', icon: <KeyOutlined />, label: t('account.changePassword'), 'data-testid': 'menu-change-password' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), 'data-testid': 'menu-logout' },
              ],
              onClick: ({ key }) => {
                if (key === 'password') void navigate('/change-password');
                if (key === 'logout') {
                  // A form with input that cannot be saved asks first; the token is revoked on the server
                  // first, and the history entry replaced, so Back lands on the login page, not the app.
                  void confirmLeave().then((ok) => {
                    if (!ok) return;
                    void signOut().then(() => navigate('/login', { replace: true }));
                  });
                }
              },
            }}
          >
            <Button size="small" icon={<UserOutlined />} data-testid="user-menu" aria-label={user.displayName}>
              {narrow ? null : user.displayName}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        {narrow ? (
          drawerUsed && (
            <Suspense fallback={null}>
              <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" width={260} title={t('app.short')} styles={{ body: { padding: 0 } }}>
                {menu}
              </Drawer>
            </Suspense>
          )
        ) : (
          <Layout.Sider breakpoint="xl" collapsedWidth={64} collapsible theme="light" width={220} className="app-sider">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          {periodError !== null && periodError !== undefined && (
            <div style={{ marginBottom: 12 }}>
              <ErrorState error={periodError} />
            </div>
          )}
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
