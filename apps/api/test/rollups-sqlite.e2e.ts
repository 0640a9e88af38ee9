import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { loadConfig } from '../src/config/config.schema';
import { JobQueueService } from '../src/queue/queue.service';
import { ReportValues } from '@cchc/shared';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { ApiSummary, expectSummariesEqual, waitFor } from './support/rollup-fixtures';

/** The zero-configuration shape (embedded SQLite, jobs in-process, demo data): the same rollups work there. */
describe('rollups on the embedded SQLite database with the in-process driver', () => {
  let app: NestFastifyApplication;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-rollups-'));
    app = await createApp(
      loadConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'db.sqlite'), LOG_LEVEL: 'error', RECONCILE_INTERVAL_MS: '500', DEMO_MODE: 'true' }),
    );
    await app.init();
    await app.get(BootstrapService).prepare();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the demo province summary equals the shared aggregation of its approved commune reports', async () => {
    const ds = app.get(DataSource);
    await waitFor(async () => {
      await app.get(JobQueueService).drain();
      return (await ds.getRepository(RollupState).count({ where: { dirty: true } })) === 0;
    }, 'demo rollups', 60_000);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tinh.46', password: 'demo' } });
    const token = (JSON.parse(login.body) as { accessToken: string }).accessToken;
    const res = await app.inject({ method: 'GET', url: '/api/summaries/46/2023', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as { coverage: { reported: number; stale: boolean }; indicators: ApiSummary[] };

    const approved = await ds.getRepository(Report).find({ where: { periodId: '2023', status: 'approved' } });
    const mine = approved.filter((r) => r.unitPath.startsWith('/46/'));
    expect(mine.length).toBeGreaterThan(0);
    const rows = await ds.getRepository(ReportValue).find();
    const byId = new Map<number, ReportValues>(mine.map((r) => [r.id, {}]));
    for (const v of rows) if (byId.has(v.reportId) && v.value !== null) byId.get(v.reportId)![v.indicatorCode] = v.value;
    expect(body.coverage).toMatchObject({ reported: mine.length, stale: false });
    expectSummariesEqual(body.indicators, [...byId.values()]);
  });
});
