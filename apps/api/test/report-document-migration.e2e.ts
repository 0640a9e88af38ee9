import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { narrativeToPlainText, splitNarrativeSections } from '@cchc/shared';
import { REPO_ROOT } from '../src/config/config.schema';
import { ReportDocument1764900000000 } from '../src/database/migrations/1764900000000-report-document';
import { MIGRATIONS } from '../src/database/migrations';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportStore } from '../src/modules/reports/report.store';
import { insertReport, openPeriods } from './exports-fixtures';
import { startHueApp } from './support/hue-app';
import type { TestApp } from './support/test-app';

const words = (t: string) => t.replace(/^(\d{1,2}(?:\.\d{1,2})+)\.?(\s)/gm, '$1.$2').split(/\s+/).filter(Boolean);

/** The migration that adds the document columns converts the narratives already stored, and leaves the old text as it was. */
describe('migration ReportDocument1764900000000', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startHueApp();
    ds = t.app.get(DataSource);
    await openPeriods(t, ['2023']);
  });
  afterAll(() => t.close());

  it('turns every stored section text into numbered subsections without losing a word', async () => {
    const seed = fs.readFileSync(path.join(REPO_ROOT, 'data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8');
    const { sections } = splitNarrativeSections(seed);
    const withText = await insertReport(t, '19894', '2023', 'draft', { '1.1.1': 29 });
    const without = await insertReport(t, '19897', '2023', 'draft', {});
    // A narrative as text only, as reports held it before this migration (the store's seed path, no structured sections).
    await ds.transaction((em) => t.app.get(ReportStore).reviseSeed(em, withText, { narrative: sections }, {}));

    // Back to the schema before the migration, with the narrative stored as text only, then forward again.
    // The migrations after it go first (undone newest first), then it.
    const undo = MIGRATIONS.length - MIGRATIONS.indexOf(ReportDocument1764900000000);
    for (let i = 0; i < undo; i++) await ds.undoLastMigration();
    const columns = (await ds.createQueryRunner().getTable('reports'))!.columns.map((c) => c.name);
    expect(columns).not.toContain('narrative_doc');
    await ds.runMigrations();

    const r = await ds.getRepository(Report).findOneByOrFail({ id: withText });
    expect(r.narrative).toEqual(sections);
    expect(r.document).toBeNull();
    expect(r.narrativeDoc?.II?.subsections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(r.narrativeDoc?.III?.title).toBe('ĐÁNH GIÁ CHUNG');
    for (const key of ['I', 'II', 'III', 'IV', 'V'] as const) expect(words(narrativeToPlainText(r.narrativeDoc![key]!))).toEqual(words(sections[key]!));
    const empty = await ds.getRepository(Report).findOneByOrFail({ id: without });
    expect(empty.narrativeDoc).toBeNull();
  });
});
