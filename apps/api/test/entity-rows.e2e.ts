import { DataSource } from 'typeorm';
import { selectEntities, updateEntities } from '../src/database/entity-rows';
import { ReportComment } from '../src/modules/reports/entities/report-comment.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { DATABASE_SHAPES, startTestApp, type TestApp } from './support/test-app';

/**
 * The save path's written SQL (selectEntities, updateEntities) must give exactly what TypeORM's find and
 * update give: the same entities, dates, simple-json and nullable columns, on both databases.
 */
describe.each(DATABASE_SHAPES)('written entity reads and updates ($name)', ({ database, env }) => {
  let t: TestApp;
  let ds: DataSource;
  let reportId: number;
  const at = new Date('2024-01-15T03:04:05.678Z');

  beforeAll(async () => {
    t = await startTestApp(env, { database });
    ds = t.app.get(DataSource);
    const repo = ds.getRepository(Report);
    const row = repo.create({
      unitCode: '00001',
      unitPath: '/01/001/00001',
      periodId: '2023',
      templateVersion: '2023.1',
      status: 'draft',
      version: 1,
      narrative: { I: 'Mở đầu', III: 'Kết quả "đặc biệt" \\ có dấu' },
      document: null,
      narrativeDoc: null,
      returnComment: null,
      submittedAt: null,
      firstSubmittedAt: at,
      approvedAt: null,
      createdAt: at,
      updatedAt: at,
      updatedBy: 'xa.00001',
    });
    await repo.insert(row);
    reportId = row.id;
    await ds.getRepository(ReportValue).insert([
      { reportId, indicatorCode: '1.1.1', value: 12.5, note: null },
      { reportId, indicatorCode: '1.1.2', value: null, note: 'chỉ ghi chú' },
      { reportId, indicatorCode: '1.2', value: 0, note: '' },
    ]);
    await ds.getRepository(ReportComment).insert([
      { reportId, indicatorCode: null, body: 'sau', author: 'b', createdAt: new Date('2024-02-02T00:00:00Z') },
      { reportId, indicatorCode: '1.1.1', body: 'trước', author: 'a', createdAt: new Date('2024-02-01T00:00:00Z') },
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads the same entities as find, in the asked order', async () => {
    const mine = await selectEntities(ds.manager, Report, { unitCode: '00001', periodId: '2023' });
    const theirs = await ds.getRepository(Report).find({ where: { unitCode: '00001', periodId: '2023' } });
    expect(mine).toEqual(theirs);
    expect(mine[0]).toBeInstanceOf(Report);
    expect(mine[0].firstSubmittedAt).toEqual(at);
    expect(mine[0].narrative).toEqual({ I: 'Mở đầu', III: 'Kết quả "đặc biệt" \\ có dấu' });

    const values = await selectEntities(ds.manager, ReportValue, { reportId });
    const sort = (xs: ReportValue[]) => [...xs].sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode));
    expect(sort(values)).toEqual(sort(await ds.getRepository(ReportValue).find({ where: { reportId } })));
    expect(sort(values).map((v) => v.value)).toEqual([12.5, null, 0]);

    const comments = await selectEntities(ds.manager, ReportComment, { reportId }, { orderBy: ['createdAt', 'id'] });
    expect(comments.map((c) => c.body)).toEqual(['trước', 'sau']);
    expect(comments).toEqual(await ds.getRepository(ReportComment).find({ where: { reportId }, order: { createdAt: 'ASC', id: 'ASC' } }));
  });

  it('matches lists and nothing for an empty list; a locking read inside a transaction gives the same row', async () => {
    expect(await selectEntities(ds.manager, Report, { id: reportId, status: ['draft', 'returned'] })).toHaveLength(1);
    expect(await selectEntities(ds.manager, Report, { id: reportId, status: ['approved'] })).toHaveLength(0);
    expect(await selectEntities(ds.manager, Report, { id: reportId, status: [] })).toHaveLength(0);
    const locked = await ds.transaction((em) => selectEntities(em, Report, { id: reportId }, { lock: true }));
    expect(locked).toEqual(await ds.getRepository(Report).find({ where: { id: reportId } }));
  });

  it('updates only the rows the condition still matches, converting the patch as TypeORM persists it', async () => {
    const later = new Date('2024-03-01T10:20:30.456Z');
    const patch = { updatedAt: later, updatedBy: 'xa.khác', narrative: null, document: { signerName: 'Nguyễn Văn A' } as Report['document'] };
    // A stale version matches nothing and changes nothing.
    expect(await updateEntities(ds.manager, Report, patch, { id: reportId, version: 7 }, ['version = version + 1'])).toBe(0);
    expect((await ds.getRepository(Report).findOneByOrFail({ id: reportId })).version).toBe(1);

    expect(await updateEntities(ds.manager, Report, patch, { id: reportId, version: 1, status: ['draft', 'returned'] }, ['version = version + 1'])).toBe(1);
    const after = await ds.getRepository(Report).findOneByOrFail({ id: reportId });
    expect(after.version).toBe(2);
    expect(after.updatedAt).toEqual(later);
    expect(after.updatedBy).toBe('xa.khác');
    expect(after.narrative).toBeNull();
    expect(after.document).toEqual({ signerName: 'Nguyễn Văn A' });
    expect(after.firstSubmittedAt).toEqual(at);
  });

  it('refuses a read or an update with no condition, or one naming an unknown property', async () => {
    await expect(selectEntities(ds.manager, Report, {})).rejects.toThrow(/condition/);
    await expect(updateEntities(ds.manager, Report, { updatedBy: 'x' }, {})).rejects.toThrow(/condition/);
    await expect(selectEntities(ds.manager, Report, { nope: 1 } as never)).rejects.toThrow(/nope/);
  });
});
