import { login, periodSession, shot } from './support/browser';
import { useAppAndBrowser } from './support/harness';

/**
 * On a commune's blank form (2024 demo, the 2023 Q3 report not started): no row is red or yellow
 * before it is touched, though the check tab lists every finding; "Đến ô này" there opens the
 * indicator's group and puts the cursor in its input, outlined in blue (a colour no error uses);
 * a row typed into shows its findings, and after a submit attempt every row does.
 */

const PERIOD = '2023Q3';
const COMMUNE = '19894';
const h = useAppAndBrowser();

test('"Đến ô này" puts the cursor in the input, and focus is drawn apart from errors', async () => {
  const problems: string[] = [];
  const { page } = await periodSession(h.browser, h.app.baseUrl, PERIOD, problems);
  await login(page, `xa.${COMMUNE}`);
  await page.goto(`/reports/${COMMUNE}/${PERIOD}`);
  await page.getByTestId('report-form').waitFor();
  const marked = () => page.locator('.ind-row--error, .ind-row--warning, [data-testid="report-form"] .ant-input-status-error, [data-testid="report-form"] .ant-input-affix-wrapper-status-error, [data-testid="report-form"] .plain-select--error, [data-testid="report-form"] .plain-input--error').count();
  await expect(marked()).resolves.toBe(0);
  // Sections I–V count too: none written yet.
  await expect(page.getByTestId('form-progress').innerText()).resolves.toContain('thuyết minh 0/5 mục');
  await expect(page.getByTestId('findings-tab-errors').innerText()).resolves.toMatch(/^[1-9]\d*$/);
  await shot(page, 'form-blank-neutral');
  await page.getByRole('tab', { name: /^Kiểm tra/ }).click();
  const go = page.getByTestId('finding-list').locator('[data-testid^="go-to-"]').first();
  const code = ((await go.getAttribute('data-testid')) ?? '').replace('go-to-', '');
  expect(code).not.toBe('');
  await go.click();
  await page.waitForFunction((c) => document.activeElement?.id === `input-${c}`, code, { timeout: 5000 });
  // Still there once every animation (tab, group, scroll) is over.
  await page.waitForTimeout(1200);
  await expect(page.evaluate(() => document.activeElement?.id ?? '')).resolves.toBe(`input-${code}`);

  const focus = await page.evaluate((c) => {
    const input = document.getElementById(`input-${c}`) as HTMLElement;
    const box = input.closest<HTMLElement>('.ant-input-affix-wrapper, .ant-select') ?? input;
    const style = getComputedStyle(box);
    return { outline: style.outlineColor, outlineStyle: style.outlineStyle };
  }, code);
  expect(focus).toEqual({ outline: 'rgb(9, 88, 217)', outlineStyle: 'solid' });
  await shot(page, 'form-go-to-focused');

  // Typed into and emptied again: now that row says what is wrong, the others stay neutral.
  const input = page.locator(`[id="input-${code}"]`);
  await input.fill('5');
  await input.fill('');
  await expect(page.locator(`[id="ind-${code}"]:is(.ind-row--error, .ind-row--warning)`).count()).resolves.toBe(1);
  await expect(page.locator('.ind-row--error, .ind-row--warning').count()).resolves.toBe(1);
  // A submit attempt: the blocking findings in the dialog, and every faulty row marked.
  await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.locator('.ind-row--error').count()).resolves.toBeGreaterThan(1);
  await shot(page, 'form-after-submit-attempt');
  expect(problems).toEqual([]);
});

test('a paste lists the typed values it would overwrite, old → new, before anything is applied', async () => {
  const problems: string[] = [];
  const { page } = await periodSession(h.browser, h.app.baseUrl, PERIOD, problems);
  await login(page, `xa.${COMMUNE}`);
  await page.goto(`/reports/${COMMUNE}/${PERIOD}`);
  await page.getByTestId('report-form').waitFor();
  const input = page.locator('[id="input-1.1.1"]');
  await input.fill('31');
  await page.getByTestId('import-open').click();
  // A row of the Word appendix as it pastes: code, title, unit, value.
  await page.getByTestId('import-text').fill('1.1.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t29\t\n1.1.2\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t27\t');
  const warn = page.getByTestId('import-overwrites');
  await warn.waitFor();
  await expect(warn.innerText()).resolves.toContain('Sẽ ghi đè 1 ô đã nhập');
  await expect(warn.innerText()).resolves.toContain('1.1.1: 31 → 29');
  await expect(input.inputValue()).resolves.toBe('31');
  await shot(page, 'form-paste-overwrites');
  await page.getByTestId('import-apply').click();
  await expect(input.inputValue()).resolves.toBe('29');
  expect(problems).toEqual([]);
});
