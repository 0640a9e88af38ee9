/**
 * The app's lazily loaded screens, by module. `lazy()` in app.tsx and the start-up warm-up
 * (warm-route.ts) call the same importers, so a module asked for early is the one React renders.
 */
export const routeModules = {
  shell: () => import('./signed-in-shell'),
  login: () => import('../features/auth/login-page'),
  home: () => import('../features/home/home-page'),
  reportForm: () => import('../features/report-form/report-form-page'),
  review: () => import('../features/review/review-page'),
};
