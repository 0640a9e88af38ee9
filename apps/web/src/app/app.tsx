import { lazy, Suspense } from 'react';
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, createRoutesFromElements, Navigate, Outlet, Route, RouterProvider, useLocation } from 'react-router-dom';
import { ApiError } from '../api/api-error';
import { LoadingState } from '../components/query-state';
import { AuthProvider, useAuth } from '../lib/auth-context';
import { FeedbackProvider } from '../lib/feedback';
import { antdEnglishLocale } from '../i18n/index';
import { MyReportRedirect } from '../features/report-form/my-report-redirect';
import { routeModules } from './route-modules';
import { warmRoute } from './warm-route';

// Every screen loads on first use: the login page and the commune form download only what they use
// (a rural link carries ~200 KB a second), and what a role never opens is never downloaded.
// The signed-in layout (menu, period picker) too: the login page does not need it.
const SignedInShell = lazy(() => routeModules.shell().then((m) => ({ default: m.SignedInShell })));
const LoginPage = lazy(() => routeModules.login().then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('../features/auth/change-password-page').then((m) => ({ default: m.ChangePasswordPage })));
const HomePage = lazy(() => routeModules.home().then((m) => ({ default: m.HomePage })));
const ReportFormPage = lazy(() => routeModules.reportForm().then((m) => ({ default: m.ReportFormPage })));
const SubmissionsPage = lazy(() => import('../features/submissions/submissions-page').then((m) => ({ default: m.SubmissionsPage })));
const ReviewPage = lazy(() => routeModules.review().then((m) => ({ default: m.ReviewPage })));
const SummaryPage = lazy(() => import('../features/summaries/summary-page').then((m) => ({ default: m.SummaryPage })));
const RankingsPage = lazy(() => import('../features/rankings/rankings-page').then((m) => ({ default: m.RankingsPage })));
const ExportsPage = lazy(() => import('../features/exports/exports-page').then((m) => ({ default: m.ExportsPage })));
const PeriodsAdminPage = lazy(() => import('../features/admin/periods-admin-page').then((m) => ({ default: m.PeriodsAdminPage })));
const PrintReportPage = lazy(() => import('../features/report-document/print-report-page').then((m) => ({ default: m.PrintReportPage })));
const UsersAdminPage = lazy(() => import('../features/admin/users-admin-page').then((m) => ({ default: m.UsersAdminPage })));
const ParRoundsPage = lazy(() => import('../features/par/par-rounds-page').then((m) => ({ default: m.ParRoundsPage })));
const ParRoundPage = lazy(() => import('../features/par/par-rounds-page').then((m) => ({ default: m.ParRoundPage })));
const ParSheetPage = lazy(() => import('../features/par/par-sheet-page').then((m) => ({ default: m.ParSheetPage })));
const ParResultsPage = lazy(() => import('../features/par/par-results-page').then((m) => ({ default: m.ParResultsPage })));
const NotFoundPage = lazy(() => import('./not-found-page').then((m) => ({ default: m.NotFoundPage })));
const NoticesPage = lazy(() => import('../features/notices/notices-page').then((m) => ({ default: m.NoticesPage })));
const TemplatesAdminPage = lazy(() => import('../features/templates/templates-admin-page').then((m) => ({ default: m.TemplatesAdminPage })));
const RollupFailuresPage = lazy(() => import('../features/admin/rollup-failures-page').then((m) => ({ default: m.RollupFailuresPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal will not change by asking again; a network blip might.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Before the first render: the opened screen's chunks and data start downloading now, side by side.
warmRoute(queryClient, globalThis.location?.pathname ?? '/');

function RequireAuth() {
  const { user, restoring, mustChangePassword } = useAuth();
  const location = useLocation();
  if (restoring && !user) return <LoadingState />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (mustChangePassword)
    return (
      <Suspense fallback={<LoadingState />}>
        <ChangePasswordPage forced />
      </Suspense>
    );
  return (
    <Suspense fallback={<LoadingState />}>
      <SignedInShell />
    </Suspense>
  );
}

// A data router, so a page with unsaved input can block leaving it (useBlocker).
const router = createBrowserRouter(
  createRoutesFromElements(
    <Route
      element={
        <AuthProvider>
          <Outlet />
        </AuthProvider>
      }
    >
      <Route
        path="/login"
        element={
          <Suspense fallback={<LoadingState />}>
            <LoginPage />
          </Suspense>
        }
      />
      {/* Outside the app's layout: the print view is the document alone. */}
      <Route
        path="/bao-cao/:unitCode/:period/in"
        element={
          <Suspense fallback={<LoadingState />}>
            <PrintReportPage />
          </Suspense>
        }
      />
      <Route element={<RequireAuth />}>
        <Route index element={<HomePage />} />
        <Route path="reports" element={<MyReportRedirect />} />
        <Route path="reports/:unitCode/:period" element={<ReportFormPage />} />
        <Route path="review/:unitCode/:period" element={<ReviewPage />} />
        <Route path="submissions/:unitCode?" element={<SubmissionsPage />} />
        <Route path="summary/:unitCode?" element={<SummaryPage />} />
        <Route path="rankings/:unitCode?" element={<RankingsPage />} />
        <Route path="exports" element={<ExportsPage />} />
        <Route path="change-password" element={<ChangePasswordPage />} />
        <Route path="notices" element={<NoticesPage />} />
        <Route path="admin/periods" element={<PeriodsAdminPage />} />
        <Route path="admin/users" element={<UsersAdminPage />} />
        <Route path="admin/rollups" element={<RollupFailuresPage />} />
        <Route path="admin/templates" element={<TemplatesAdminPage />} />
        <Route path="par" element={<ParRoundsPage />} />
        <Route path="par/:roundId" element={<ParRoundPage />} />
        <Route path="par/:roundId/sheets/:unitCode" element={<ParSheetPage />} />
        <Route path="par/:roundId/results" element={<ParResultsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>,
  ),
);

/**
 * antd's default greys and status colours are below WCAG AA (4.5:1) as text: secondary text is
 * #8c8c8c (3.4:1 on white, 3.0:1 on the page's grey), the link blue and the error red ~4:1, the green
 * 2.3:1. These keep the same hues, dark enough to read (axe-core checks them in the browser tests).
 */
const THEME = {
  token: {
    colorPrimary: '#a8071a',
    borderRadius: 6,
    fontFamily: "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    // Text only: a darker seed would muddy the alerts' and tags' backgrounds derived from it.
    colorSuccessText: '#237804',
    colorWarningText: '#874d00',
    // Each screen's title is its one h1 (a landmark for screen readers), drawn at the old h3 size.
    fontSizeHeading1: 24,
    lineHeightHeading1: 1.35,
  },
};

function Themed() {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <ConfigProvider locale={(en && antdEnglishLocale()) || viVN} theme={THEME}>
      <FeedbackProvider>
        <RouterProvider router={router} />
      </FeedbackProvider>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Themed />
    </QueryClientProvider>
  );
}
