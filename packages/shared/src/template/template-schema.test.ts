import { TEMPLATE_2023 } from './template-2023';
import { validateTemplate, type TemplateIssue } from './template-schema';
import { diffTemplates } from './template-diff';
import type { Template } from './types';

/** The document as GET sends it: a JSON round trip of the stored template. */
const doc = (): Template => JSON.parse(JSON.stringify(TEMPLATE_2023)) as Template;

function issuesOf(input: unknown): TemplateIssue[] {
  const v = validateTemplate(input);
  if (v.ok) throw new Error('expected the document to be refused');
  return v.issues;
}

describe('validateTemplate', () => {
  it('accepts the built-in 2023.1 as GET returns it, unchanged to the byte', () => {
    const v = validateTemplate(doc());
    expect(v.ok).toBe(true);
    if (v.ok) expect(JSON.stringify(v.template)).toBe(JSON.stringify(TEMPLATE_2023));
  });

  it('derives depth and isHeading, and defaults the aggregation from the value type', () => {
    const d = doc();
    d.version = '2024.1';
    const added = { code: '7.9', parent: '7', title: 'Số hệ thống mới', unit: 'Hệ thống', valueType: 'count', levels: ['commune', 'district', 'province'] };
    const input = { ...d, nodes: [...d.nodes.map(({ depth: _d, isHeading: _h, ...rest }) => rest), added] };
    const v = validateTemplate(input);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const n = v.template.nodes.find((x) => x.code === '7.9');
    expect(n).toMatchObject({ depth: 2, isHeading: false, aggregation: 'sum' });
    expect(v.template.nodes.find((x) => x.code === '3.2.3.1')?.depth).toBe(4);
  });

  it('names the row of a duplicate code', () => {
    const d = doc();
    d.nodes.push({ ...d.nodes[5] });
    const issues = issuesOf(d);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ section: 'nodes', row: 131, code: d.nodes[5].code, field: 'code' });
    expect(issues[0].vi).toBe(`Dòng 131 (mã ${d.nodes[5].code}): mã trùng với dòng 6.`);
  });

  it('names a parent that does not exist', () => {
    const d = doc();
    d.nodes.push({ code: '9.1', parent: '9', title: 'Mới', unit: '', valueType: 'count', levels: ['commune'], depth: 2, isHeading: false });
    const [i] = issuesOf(d);
    expect(i).toMatchObject({ row: 131, code: '9.1', field: 'parent' });
    expect(i.vi).toContain('chỉ tiêu cha "9" không có trong biểu mẫu');
  });

  it('names a parent cycle once', () => {
    const d = doc();
    d.nodes.push(
      { code: 'A', parent: 'B', title: 'A', unit: '', depth: 1, isHeading: true },
      { code: 'B', parent: 'A', title: 'B', unit: '', depth: 1, isHeading: true },
    );
    const issues = issuesOf(d);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 131, code: 'A', field: 'parent' });
    expect(issues[0].vi).toContain('vòng lặp chỉ tiêu cha: A → B → A');
  });

  it('refuses a choice row without options', () => {
    const d = doc();
    const i = d.nodes.findIndex((n) => n.valueType === 'choice');
    delete d.nodes[i].options;
    const [issue] = issuesOf(d);
    expect(issue).toMatchObject({ row: i + 1, code: d.nodes[i].code, field: 'options' });
    expect(issue.vi).toContain('cần danh sách phương án');
  });

  it('refuses a rule naming an unknown code, and one naming a heading', () => {
    const d = doc();
    d.rules[0] = { ...d.rules[0], left: ['9.9.9'] };
    d.rules[1] = { ...d.rules[1], right: ['1'] };
    const issues = issuesOf(d);
    expect(issues.map((i) => [i.section, i.row, i.field])).toEqual([['rules', 1, 'left'], ['rules', 2, 'right']]);
    expect(issues[0].vi).toBe(`Quy tắc 1 (${d.rules[0].id}): chỉ tiêu "9.9.9" không có trong biểu mẫu.`);
    expect(issues[1].vi).toContain('là dòng tiêu đề, không nhận số liệu');
  });

  it('refuses a percent row with impossible bounds', () => {
    const d = doc();
    const i = d.nodes.findIndex((n) => n.valueType === 'percent');
    d.nodes[i].max = 120;
    const j = d.nodes.findIndex((n, k) => k > i && n.valueType === 'percent');
    d.nodes[j].min = 60;
    d.nodes[j].max = 40;
    const issues = issuesOf(d);
    expect(issues.map((x) => x.row)).toEqual([i + 1, j + 1]);
    expect(issues[0].vi).toContain('tỷ lệ % phải nằm trong 0–100');
    expect(issues[1].vi).toContain('giới hạn dưới 60 lớn hơn giới hạn trên 40');
  });

  it('refuses a level that does not exist, naming it', () => {
    const d = doc();
    const i = d.nodes.findIndex((n) => n.valueType === 'count');
    (d.nodes[i].levels as string[]) = ['commune', 'ward'];
    const [issue] = issuesOf(d);
    expect(issue).toMatchObject({ row: i + 1, field: 'levels' });
    expect(issue.vi).toContain('cấp báo cáo "ward" không tồn tại');
  });

  it('refuses an aggregation that does not fit the type and a weighted mean without its weight', () => {
    const d = doc();
    const p = d.nodes.findIndex((n) => n.valueType === 'percent' && n.aggregation === 'mean');
    d.nodes[p].aggregation = 'sum';
    const w = d.nodes.findIndex((n) => n.weightCode !== undefined);
    d.nodes[w].weightCode = '0.0';
    const issues = issuesOf(d);
    expect(issues.map((x) => [x.row, x.field])).toEqual([[p + 1, 'aggregation'], [w + 1, 'weightCode']].sort((a, b) => (a[0] as number) - (b[0] as number)));
  });

  it('answers a shape error with the row and field, in Vietnamese', () => {
    const d = doc() as unknown as { nodes: Array<Record<string, unknown>> };
    d.nodes[3].title = 42;
    d.nodes[4].colour = 'red';
    const issues = issuesOf(d);
    expect(issues[0]).toMatchObject({ section: 'nodes', row: 4, field: 'title' });
    expect(issues[0].vi).toMatch(/^Dòng 4 \(mã [\d.]+\): trường "title" không hợp lệ/);
    expect(issues[1].vi).toContain('trường không có trong định dạng biểu mẫu: colour');
  });

  it('refuses a version id that cannot be a path segment', () => {
    const d = doc();
    d.version = '2024/1';
    expect(issuesOf(d)[0]).toMatchObject({ section: 'document', field: 'version' });
  });
});

describe('diffTemplates', () => {
  it('lists added, removed and changed rows and rules', () => {
    const b = doc();
    b.version = '2024.1';
    b.nodes = b.nodes.filter((n) => n.code !== '6.1');
    const t = b.nodes.find((n) => n.code === '1.1.1')!;
    t.title = 'Tiêu đề mới';
    const l = b.nodes.find((n) => n.code === '4.1.1')!;
    l.levels = ['province'];
    b.nodes.push({ code: '7.9', parent: '7', title: 'Mới', unit: '', valueType: 'count', levels: ['commune'], aggregation: 'sum', depth: 2, isHeading: false });
    const removedRule = b.rules.pop()!;
    const d = diffTemplates(TEMPLATE_2023, b);
    expect(d.added).toEqual([{ code: '7.9', title: 'Mới' }]);
    expect(d.removed).toEqual([{ code: '6.1', title: TEMPLATE_2023.nodes.find((n) => n.code === '6.1')!.title }]);
    expect(d.changed.map((c) => [c.code, c.changes.map((x) => x.field)])).toEqual([['1.1.1', ['title']], ['4.1.1', ['levels']]]);
    expect(d.rules).toEqual({ added: [], removed: [removedRule.id], changed: [] });
  });

  it('follows renamedFrom', () => {
    const b = doc();
    const n = b.nodes.find((x) => x.code === '7.8.4')!;
    n.code = '7.8.5';
    n.renamedFrom = '7.8.4';
    const d = diffTemplates(TEMPLATE_2023, b);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([{ code: '7.8.5', previousCode: '7.8.4', title: n.title, changes: [] }]);
  });
});
