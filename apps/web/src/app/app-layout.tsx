import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Space, theme } from 'antd';
import { Typography } from '../components/plain-typography';
import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DownloadOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  ProfileOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { MenuButton } from '../components/menu-button';
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
// Inside it and in the sider, the same NavMenu.
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

// antd Layout.Sider's `xl` breakpoint: below it the menu shows its icons only, until expanded.
const WIDE = '(min-width: 1200px)';

/**
 * The screens' list, as links (a screen is a place to go: it opens in a new tab with a middle click,
 * and a screen reader announces the current one). Drawn as antd's light inline menu, without rc-menu.
 */
function NavMenu({ screens, selected, label, collapsed, onNavigate }: { screens: Screen[]; selected: Screen; label: (s: Screen) => string; collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <nav aria-label={t('nav.main')} className={`nav-menu${collapsed ? ' nav-menu--collapsed' : ''}`} style={{ ['--nav-active-bg' as string]: token.controlItemBgActive, ['--nav-active' as string]: token.colorPrimary }}>
      <ul>
        {screens.map((s) => (
          <li key={s}>
            <Link to={SCREEN_PATHS[s]} className="nav-menu__item" aria-current={s === selected ? 'page' : undefined} title={collapsed ? label(s) : undefined} onClick={onNavigate} data-testid={`nav-${s}`}>
              <span className="nav-menu__icon" aria-hidden>
                {SCREEN_ICONS[s]}
              </span>
              <span className={collapsed ? 'visually-hidden' : 'nav-menu__label'}>{label(s)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Whether the window is at least `xl` wide, followed as it is resized. */
function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const q = window.matchMedia(WIDE);
    const on = () => setWide(q.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return wide;
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { signOut } = useAuth();
  const { periods, periodId, setPeriodId, error: periodError } = usePeriod();
  const navigate = useNavigate();
  const location = useLocation();
  const narrow = useIsNarrow();
  const wide = useWide();
  // null: as the window's width has it (collapsed below xl); a click on the toggle decides from then on.
  const [collapsedChoice, setCollapsedChoice] = useState<boolean | null>(null);
  const collapsed = collapsedChoice ?? !wide;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const en = i18n.language.startsWith('en');

  const screens = screensOf(user);
  const selected =
    screens.filter((s) => s !== 'home').find((s) => location.pathname.startsWith(SCREEN_PATHS[s]) || (s === 'submissions' && location.pathname.startsWith('/review'))) ?? 'home';
  // The unit's own report is named by its level: a district officer files the district's, not a commune's.
  const label = (s: Screen) => (s === 'report' && user.unitLevel ? t(`nav.report_${user.unitLevel}`) : t(`nav.${s}`));

  return (
    <div className="app-shell">
      <header className="app-header">
        <Space size={4} style={{ minWidth: 0 }}>
          {narrow && <Button type="text" icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => (setDrawerUsed(true), setDrawerOpen(true))} aria-label={t('nav.menu')} data-testid="nav-menu" />}
          <Typography.Text strong className="app-header__title" onClick={() => navigate('/')}>
            {narrow ? t('app.short') : t('app.title')}
          </Typography.Text>
        </Space>
        <Space size={narrow ? 4 : 12} wrap={false} className="app-header__tools">
          {!hasRole(user, 'administrator') && periods.length > 0 && (
            <select
              data-testid="period-select"
              className="plain-select plain-select--small"
              value={periodId ?? ''}
              onChange={(e) => setPeriodId(e.target.value)}
              style={{ minWidth: narrow ? 110 : 190, maxWidth: narrow ? 140 : undefined }}
              aria-label={t('common.period')}
            >
              {periodId === null && <option value="">{t('common.period')}</option>}
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {en ? p.labelEn : p.label}
                </option>
              ))}
            </select>
          )}
          <NoticeBell />
          <LanguageSwitch />
          <MenuButton
            testId="user-menu"
            ariaLabel={user.displayName}
            icon={<UserOutlined />}
            button={narrow ? null : user.displayName}
            header={
              <>
                {user.displayName}
                <br />
                <Typography.Text type="secondary">
                  {user.roles.map((r) => t(`role.${r}`)).join(', ')}
                  {user.unitName ? ` · ${user.unitName}` : ''}
                </Typography.Text>
              </>
            }
            items={[
              { key: 'password', icon: <KeyOutlined />, label: t('account.changePassword'), testId: 'menu-change-password' },
              { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), testId: 'menu-logout' },
            ]}
            onSelect={(key) => {
              if (key === 'password') void navigate('/change-password');
              if (key === 'logout') {
                // A form with input that cannot be saved asks first; the token is revoked on the server
                // first, and the history entry replaced, so Back lands on the login page, not the app.
                void confirmLeave().then((ok) => {
                  if (!ok) return;
                  void signOut().then(() => navigate('/login', { replace: true }));
                });
              }
            }}
          />
        </Space>
      </header>
      <div className="app-body">
        {narrow ? (
          drawerUsed && (
            <Suspense fallback={null}>
              <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" width={260} title={t('app.short')} styles={{ body: { padding: 0 } }}>
                <NavMenu screens={screens} selected={selected} label={label} onNavigate={() => setDrawerOpen(false)} />
              </Drawer>
            </Suspense>
          )
        ) : (
          <aside className={`app-sider${collapsed ? ' app-sider--collapsed' : ''}`}>
            <NavMenu screens={screens} selected={selected} label={label} collapsed={collapsed} />
            <button type="button" className="app-sider__toggle" aria-expanded={!collapsed} aria-label={collapsed ? t('nav.expand') : t('nav.collapse')} title={collapsed ? t('nav.expand') : t('nav.collapse')} onClick={() => setCollapsedChoice(!collapsed)}>
              {collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            </button>
          </aside>
        )}
        <main className="app-content">
          {periodError !== null && periodError !== undefined && (
            <div style={{ marginBottom: 12 }}>
              <ErrorState error={periodError} />
            </div>
          )}
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
