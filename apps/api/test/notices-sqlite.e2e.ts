import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config.schema';
import { Notice } from '../src/modules/notices/entities/notice.entity';
import { RemindersService } from '../src/modules/notices/reminders.service';
import { User } from '../src/modules/users/entities/user.entity';
import { JobQueueService } from '../src/queue/queue.service';
import { createUsers, loadProvince46, openPeriods } from './support/reports-fixtures';

/** The zero-configuration shape (embedded SQLite, jobs in-process): reminders, their once-a-day key and e-mail work there too. */
describe('notices on SQLite with the in-process driver', () => {
  let app: NestFastifyApplication;
  let dir: string;
  let smtp: SMTPServer;
  const received: string[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, cb) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-notices-'));
    const port = (smtp.server.address() as AddressInfo).port;
    app = await createApp(loadConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'db.sqlite'), LOG_LEVEL: 'error', DEMO_MODE: 'false', SMTP_URL: `smtp://127.0.0.1:${port}`, REMINDER_INTERVAL_MS: '0' }));
    await app.init();
    await loadProvince46(app);
    await openPeriods(app, ['2025']);
    await createUsers(app, [['huyen.477', ['reviewer'], '477'], ['xa.19894', ['officer'], '19894'], ['xa.19870', ['officer'], '19870']]);
    await app.get(DataSource).getRepository(User).update({ active: true }, { email: 'someone@cchc.test' });
    await app.get(DataSource).getRepository(User).update({ username: 'xa.19894' }, { email: 'qt@cchc.test' });
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two days before the deadline: one reminder per unit however many passes, e-mailed', async () => {
    const at = new Date('2025-12-18T02:00:00Z');
    const svc = app.get(RemindersService);
    await Promise.all([svc.runPass(at), svc.runPass(at)]);
    await svc.runPass(at);
    const ds = app.get(DataSource);
    const reminders = await ds.getRepository(Notice).find({ where: { kind: 'reminder_before' } });
    expect(reminders).toHaveLength(2);
    await app.get(JobQueueService).drain();
    for (let i = 0; i < 100 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(received.sort()).toEqual(['qt@cchc.test', 'someone@cchc.test']);
  });
});
