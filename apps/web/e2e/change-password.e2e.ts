import { checkPassword } from '@cchc/shared';
import { newSession, shot, submitLogin } from './support/browser';
import { apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * After an administrator resets a password, the owner's next login leads straight to choosing a new
 * one (and nowhere else); the policy's Vietnamese reason shows under the field; once changed, the app
 * opens. Logging out revokes the token, and Back does not bring the app back.
 */

const USER = 'xa.19870';
const TEMPORARY = 'tạm thời đặt lại 2026';
const WEAK = 'ngắn';
const CHOSEN = 'mùa lúa chín trên đồng Quảng Thọ';

const h = useAppAndBrowser();

test('a reset password must be changed before anything else; logout revokes the token and Back stays out', async () => {
  // The administrator resets the officer's password.
  const admin = await apiToken(h.app.baseUrl, 'admin');
  const users = await apiJson<Array<{ id: number; username: string }>>(h.app.baseUrl, 'GET', '/api/users?unitCode=19870', admin);
  const target = users.find((u) => u.username === USER)!;
  expect(target).toBeDefined();
  await apiJson(h.app.baseUrl, 'PATCH', `/api/users/${target.id}`, admin, { password: TEMPORARY });

  const { page, problems } = await newSession(h.browser, h.app.baseUrl);
  await submitLogin(page, USER, TEMPORARY);

  // Straight to the new password, and nothing else opens until it is chosen.
  await page.getByTestId('forced-change').waitFor();
  expect(new URL(page.url()).pathname).toBe('/change-password');
  await page.goto('/submissions');
  await page.getByTestId('forced-change').waitFor();
  expect(await page.getByTestId('home-page').count()).toBe(0);
  await shot(page, 'change-password-forced');

  // A password the policy refuses: the API's own Vietnamese reason, under the field.
  await page.getByTestId('current-password').fill(TEMPORARY);
  await page.getByTestId('new-password').fill(WEAK);
  await page.getByTestId('confirm-password').fill(WEAK);
  await page.getByTestId('change-password-submit').click();
  const reason = checkPassword(WEAK, { username: USER })!.message;
  await page.getByText(reason).waitFor();
  await shot(page, 'change-password-refused');

  // The confirmation must match before anything is sent.
  await page.getByTestId('new-password').fill(CHOSEN);
  await page.getByTestId('confirm-password').fill(`${CHOSEN}!`);
  await page.getByTestId('change-password-submit').click();
  await page.getByText('Hai lần nhập mật khẩu mới không khớp').waitFor();

  await page.getByTestId('confirm-password').fill(CHOSEN);
  await page.getByTestId('change-password-submit').click();
  await page.getByTestId('home-page').waitFor();
  expect(new URL(page.url()).pathname).toBe('/');

  // The user menu leads to the same page, unforced.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-change-password').click();
  await page.getByTestId('change-password').waitFor();
  expect(await page.getByTestId('forced-change').count()).toBe(0);
  // The session check the app makes on opening may be answered only after a logout (a loaded server
  // answers out of order): held here until the logout has finished, it must not sign the user back in.
  const loggedOut = new Promise<void>((resolve) => page.on('requestfinished', (r) => r.url().endsWith('/api/auth/logout') && resolve()));
  await page.route('**/api/auth/me', async (route) => {
    const answer = await route.fetch();
    await loggedOut;
    await route.fulfill({ response: answer });
  });
  const lateCheck = page.waitForEvent('requestfinished', (r) => r.url().endsWith('/api/auth/me'));
  await page.goto('/');
  await page.getByTestId('home-page').waitFor();

  // Logout revokes this very token on the server, then Back shows the login page, not the app.
  const token = await page.evaluate(() => sessionStorage.getItem('cchc.accessToken'));
  expect(token).toBeTruthy();
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  expect((await (await lateCheck).response())?.status()).toBe(200);
  await page.unroute('**/api/auth/me');
  await page.getByTestId('login-card').waitFor();
  // The late answer has been handled (the bundle's microtasks ran): still the login page, no user.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  await page.getByTestId('login-card').waitFor();
  expect(await page.evaluate(() => sessionStorage.getItem('cchc.user'))).toBeNull();
  const revoked = await fetch(`${h.app.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(revoked.status).toBe(401);
  await page.goBack();
  await page.getByTestId('login-card').waitFor();
  expect(await page.getByTestId('home-page').count()).toBe(0);
  expect(new URL(page.url()).pathname).toBe('/login');

  // The new password is the one that works now.
  const relogin = await fetch(`${h.app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: CHOSEN }) });
  expect(relogin.status).toBe(200);
  expect(((await relogin.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(false);
  expect(problems.filter((p) => !/status of (400|401)/.test(p))).toEqual([]);
}, 180_000);
