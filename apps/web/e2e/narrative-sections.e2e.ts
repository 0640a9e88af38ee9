import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMPLATE_2023, parseAppendixText } from '@cchc/shared';
import { confirmModal, login, periodSession, shot } from './support/browser';
import { apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * The narrative's five sections (I–V) on both sides of a submission (2024 demo): the officer's submit
 * dialog names the empty ones, and the district reviewer's page names the same ones.
 */

const PERIOD = '2023';
const COMMUNE = '19891'; // Xã Quảng Thành: no 2023 report in the demo
const DISTRICT = '477';
const h = useAppAndBrowser();

test('the submit dialog names the empty sections III, IV and V, and the reviewer sees the same ones', async () => {
  // A report with valid figures (the reference appendix, its 130 in a % row corrected) and text in sections I and II only.
  const seed = fs.readFileSync(path.resolve(__dirname, '../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8');
  const values = Object.fromEntries(Object.entries(parseAppendixText(seed, TEMPLATE_2023).values).filter(([, v]) => v !== null && v !== undefined)) as Record<string, number>;
  for (const n of TEMPLATE_2023.nodes) if (n.valueType === 'percent' && (values[n.code] ?? 0) > 100) values[n.code] = 100;
  const officer = await apiToken(h.app.baseUrl, `xa.${COMMUNE}`);
  await apiJson(h.app.baseUrl, 'PUT', `/api/reports/${COMMUNE}/${PERIOD}`, officer, {
    values,
    narrative: { I: 'Ủy ban nhân dân xã ban hành kế hoạch cải cách hành chính năm 2023.', II: 'Rà soát 12 thủ tục hành chính, công khai đầy đủ tại bộ phận một cửa.', III: '', IV: '', V: '' },
  });

  const problems: string[] = [];
  const o = await periodSession(h.browser, h.app.baseUrl, PERIOD, problems);
  await login(o.page, `xa.${COMMUNE}`);
  await o.page.goto(`/reports/${COMMUNE}/${PERIOD}`);
  await o.page.getByTestId('report-form').waitFor();
  await expect(o.page.getByTestId('form-progress').innerText()).resolves.toContain('thuyết minh 2/5 mục');
  await o.page.getByTestId('submit-report').click();
  const empty = o.page.locator('.ant-modal-confirm').getByTestId('submit-narrative-empty');
  await empty.waitFor();
  await expect(empty.innerText()).resolves.toBe('Phần thuyết minh còn trống mục III, IV, V (thẻ "Văn bản"). Vẫn nộp được, nhưng cấp thẩm định sẽ thấy các mục này trống.');
  await shot(o.page, 'narrative-empty-submit-dialog');
  await confirmModal(o.page, 'Nộp báo cáo');
  await o.page.getByTestId('status-submitted').first().waitFor();

  const r = await periodSession(h.browser, h.app.baseUrl, PERIOD, problems);
  await login(r.page, `huyen.${DISTRICT}`);
  await r.page.goto(`/review/${COMMUNE}/${PERIOD}`);
  await r.page.getByTestId('review-page').waitFor();
  const seen = r.page.getByTestId('review-narrative-empty');
  await seen.waitFor();
  await expect(seen.innerText()).resolves.toBe('Phần thuyết minh còn trống mục III, IV, V: đơn vị chưa viết gì ở các mục này (thẻ "Nội dung báo cáo (I–V)").');
  await shot(r.page, 'narrative-empty-review');
  expect(problems).toEqual([]);
});
