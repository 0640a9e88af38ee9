import { DataSource } from 'typeorm';
import { DemoSeedService } from '../../src/bootstrap/demo-seed.service';
import { RollupState } from '../../src/modules/rollups/entities/rollup-state.entity';
import { SummaryCoverage } from '../../src/modules/rollups/entities/summary-coverage.entity';
import { loadProvinces } from '../exports-fixtures';
import { waitFor } from './rollup-fixtures';
import { startTestApp, type TestApp } from './test-app';

/** An app with in-process jobs (no Redis) on Thừa Thiên Huế (46) of the 2024 tree. */
export async function startHueApp(): Promise<TestApp> {
  const t = await startTestApp({ REDIS_URL: undefined });
  await loadProvinces(t, ['46']);
  return t;
}

/** `startHueApp` with the demo data seeded and its rollups settled, up to `unitCode`'s 2023 summary. */
export async function startHueDemo(unitCode: string): Promise<TestApp> {
  const t = await startHueApp();
  await t.app.get(DemoSeedService).seed();
  const ds = t.app.get(DataSource);
  await waitFor(
    async () =>
      (await ds.getRepository(RollupState).count({ where: { dirty: true } })) === 0 &&
      (await ds.getRepository(SummaryCoverage).count({ where: { unitCode, periodId: '2023' } })) > 0,
    'the demo rollups to settle',
    90_000,
  );
  return t;
}
