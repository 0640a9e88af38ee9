import { login, periodSession, shot } from './support/browser';
import { useAppAndBrowser } from './support/harness';

/**
 * An administrator adds an account: the password rule is on screen before anything is saved, and a
 * password that breaks it is named as it is typed (the shared rule the API applies), without a save.
 */

const h = useAppAndBrowser();

test('the password rule is shown before saving and a short password is refused as it is typed', async () => {
  const problems: string[] = [];
  const { page } = await periodSession(h.browser, h.app.baseUrl, '2023', problems);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/users')) posts.push(r.url());
  });
  await login(page, 'admin');
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await expect(dialog.getByTestId('password-policy').innerText()).resolves.toBe('Ít nhất 10 ký tự, không trùng tên đăng nhập, không phải mật khẩu phổ biến. Có thể dùng một câu dễ nhớ.');
  await dialog.getByLabel('Tên đăng nhập').fill('xa.moi');
  await dialog.getByLabel('Mật khẩu').fill('ngan');
  await dialog.getByText('Mật khẩu cần ít nhất 10 ký tự.').waitFor();
  await shot(page, 'admin-user-password-rule');
  await dialog.getByLabel('Mật khẩu').fill('một câu dễ nhớ cho xã mới');
  await dialog.getByText('Mật khẩu cần ít nhất 10 ký tự.').waitFor({ state: 'detached' });
  expect(posts).toEqual([]);

  // The unit: found by part of its name, each choice with its code and district, kept as the code.
  await dialog.getByLabel('Đơn vị (tên hoặc mã)').fill('Quảng Thọ');
  const choice = page.locator('.ant-select-dropdown').getByText(/Quảng Thọ \(19894\) — /);
  await choice.waitFor();
  await shot(page, 'admin-user-unit-picker');
  await choice.click();
  await expect(dialog.getByTestId('unit-search').innerText()).resolves.toMatch(/^Xã Quảng Thọ \(19894\) — /);
  expect(problems).toEqual([]);
});
