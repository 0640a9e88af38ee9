import { expectAccessible, useAuditedDemo } from './support/axe';

/**
 * axe-core (critical and serious) on the screens each role works in, on the 2024 demo (three tiers):
 * login, home, the commune form, the district's review and submissions, the province's summary and
 * rankings, the users administration. Each page also has one h1 and a main landmark.
 */

const PERIOD = '2023';
const h = useAuditedDemo(PERIOD);

test('no critical or serious axe-core violation, one h1 and a main landmark on every main screen (2024 demo)', async () => {
  await expectAccessible(h, PERIOD, '2024', [
    { who: null, name: 'login', path: '/login' },
    { who: 'xa.19894', name: 'home-commune', path: '/' },
    { who: 'xa.19894', name: 'commune-form', path: `/reports/19894/${PERIOD}` },
    { who: 'huyen.477', name: 'home-district', path: '/' },
    { who: 'huyen.477', name: 'review', path: `/review/19894/${PERIOD}` },
    { who: 'huyen.477', name: 'submissions', path: '/submissions' },
    { who: 'tinh.46', name: 'summary', path: '/summary' },
    { who: 'tinh.46', name: 'rankings', path: '/rankings' },
    { who: 'admin', name: 'admin-users', path: '/admin/users' },
  ]);
}, 600_000);
