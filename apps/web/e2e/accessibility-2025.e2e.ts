import { expectAccessible, useAuditedDemo } from './support/axe';

/**
 * The same audit as accessibility.e2e.ts on the 2025 demo (two tiers: a commune reports straight to
 * the province), in the season in progress: the commune's form, the province's review, submissions,
 * summary and rankings, the users administration.
 */

const PERIOD = '2026';
const COMMUNE = '19885';
const h = useAuditedDemo(PERIOD, { DEMO_TREE: '2025' });

test('no critical or serious axe-core violation, one h1 and a main landmark on every main screen (2025 demo)', async () => {
  await expectAccessible(h, PERIOD, '2025', [
    { who: null, name: 'login', path: '/login' },
    { who: `xa.${COMMUNE}`, name: 'home-commune', path: '/' },
    { who: `xa.${COMMUNE}`, name: 'commune-form', path: `/reports/${COMMUNE}/${PERIOD}` },
    { who: 'tinh.46', name: 'home-province', path: '/' },
    { who: 'tinh.46', name: 'review', path: `/review/${COMMUNE}/${PERIOD}` },
    { who: 'tinh.46', name: 'submissions', path: '/submissions' },
    { who: 'tinh.46', name: 'summary', path: '/summary' },
    { who: 'tinh.46', name: 'rankings', path: '/rankings' },
    { who: 'admin', name: 'admin-users', path: '/admin/users' },
  ]);
}, 600_000);
