import { login, periodSession, shot } from './support/browser';
import { useAppAndBrowser } from './support/harness';

/**
 * On a commune's blank form (2024 demo, the 2023 Q3 report not started): "Đến ô này" in the check
 * tab opens the indicator's group and puts the cursor in its input; the focused input is outlined in
 * blue, a colour no error or warning uses.
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
  expect(problems).toEqual([]);
});
