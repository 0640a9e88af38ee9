import { DESKTOP, PHONE, login, newSession, shot } from './support/browser';
import { apiJson, apiToken, useAppAndBrowser } from './support/harness';

/**
 * The demo PAR round (DEMO_TREE=2025: Thành phố Huế in its finalisation stage) in a real browser:
 * a commune's officer reads its sheet on a phone; the province's appraiser walks the queue, opens a
 * re-appraised sheet side by side, finalises it, and sees the results with bands and the chart.
 */

const h = useAppAndBrowser({ env: { DEMO_TREE: '2025' }, timeoutMs: 300_000 });

type Round = { id: number; stage: string };
type SheetSummary = { unitCode: string; unitName: string; status: string };

test('a commune reads its sheet on a phone; the appraiser finalises a sheet side by side and sees the results', async () => {
  const tinh = await apiToken(h.app.baseUrl, 'tinh.46');
  const [round] = await apiJson<Round[]>(h.app.baseUrl, 'GET', '/api/par/rounds', tinh);
  expect(round.stage).toBe('finalisation');
  const sheets = await apiJson<SheetSummary[]>(h.app.baseUrl, 'GET', `/api/par/rounds/${round.id}/sheets`, tinh);
  const explaining = sheets.find((s) => s.status === 'explaining')!;
  const reappraised = sheets.find((s) => s.status === 'reappraised')!;

  // --- The commune on a phone: its own sheet, suggestion and appraisal visible, nothing editable after the deadlines.
  const phone = await newSession(h.browser, h.app.baseUrl, PHONE);
  await login(phone.page, `xa.${explaining.unitCode}`);
  await phone.page.goto(`${h.app.baseUrl}/par/${round.id}/sheets/${explaining.unitCode}`);
  await phone.page.getByText(`Phiếu tự đánh giá — ${explaining.unitName}`).waitFor();
  await phone.page.getByText('Được yêu cầu giải trình').first().waitFor();
  await phone.page.getByText('Tài liệu kiểm chứng: Quyết định ban hành kế hoạch CCHC năm (số, ngày)').waitFor();
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await shot(phone.page, 'par-01-commune-sheet-phone');
  // Another commune's sheet is refused.
  await phone.page.goto(`${h.app.baseUrl}/par/${round.id}/sheets/${reappraised.unitCode}`);
  await phone.page.getByText(/Chỉ xã đó, cán bộ thẩm định/).waitFor();
  await phone.context.close();

  // --- The appraiser: dashboard with the queue by stage, then the side-by-side view.
  const desk = await newSession(h.browser, h.app.baseUrl, DESKTOP);
  await login(desk.page, 'tinh.46');
  await desk.page.goto(`${h.app.baseUrl}/par/${round.id}`);
  await desk.page.getByText('Hàng chờ thẩm định').waitFor();
  await desk.page.getByText('Bộ tiêu chí minh họa — không phải văn bản chính thức.').waitFor();
  await shot(desk.page, 'par-02-round-dashboard');
  await desk.page.getByRole('link', { name: reappraised.unitName }).first().click();
  await desk.page.getByText('Gợi ý từ báo cáo năm').waitFor();
  await desk.page.getByText('Thẩm định 2', { exact: true }).waitFor();
  await shot(desk.page, 'par-03-appraiser-side-by-side');
  await desk.page.getByRole('button', { name: 'Hoàn thiện kết quả' }).click();
  await desk.page.getByText('Đã hoàn thiện').first().waitFor();
  const after = await apiJson<{ status: string }>(h.app.baseUrl, 'GET', `/api/par/rounds/${round.id}/sheets/${reappraised.unitCode}`, tinh);
  expect(after.status).toBe('final');

  // --- Results: bands and the chart.
  await desk.page.goto(`${h.app.baseUrl}/par/${round.id}/results`);
  await desk.page.getByText('Chưa công bố (bản xem trước)').waitFor();
  await desk.page.getByRole('img', { name: 'Biểu đồ chỉ số CCHC theo xã' }).waitFor();
  await desk.page.getByText('Tốt ≥ 90').waitFor();
  await shot(desk.page, 'par-04-results');
  expect(desk.problems).toEqual([]);
  await desk.context.close();
});
