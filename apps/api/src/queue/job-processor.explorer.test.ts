import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfigModule } from '../config/config.module';
import { loadConfig, testInfraFromProcess } from '../config/config.schema';
import { JobProcessor } from './job-processor.decorator';
import { MissingProcessorError } from './job-processor.explorer';
import { QueueName } from './queue.constants';
import { QueueModule } from './queue.module';
import { JobQueueService } from './queue.service';

@Injectable()
@JobProcessor(QueueName.Rollup)
class NoopProcessor {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
@JobProcessor(QueueName.ParDeadline)
class NoopDeadlineProcessor {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
@JobProcessor(QueueName.NoticeEmail)
class NoopMailProcessor extends NoopProcessor {}

@Injectable()
@JobProcessor(QueueName.Reminders)
class NoopRemindersProcessor extends NoopProcessor {}

async function start(env: Record<string, string>, providers: Array<typeof NoopProcessor | typeof NoopDeadlineProcessor> = []) {
  const mod = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(loadConfig({ LOG_LEVEL: 'error', ...env })), QueueModule],
    providers,
  }).compile();
  mod.useLogger(false);
  return mod;
}

const bullmq = { REDIS_URL: testInfraFromProcess().redisUrl, QUEUE_PREFIX: `t_explorer_${process.pid}` };

describe('job processor explorer', () => {
  it.each([
    ['in-process', {}],
    ['BullMQ with RUN_WORKERS=true', { ...bullmq, RUN_WORKERS: 'true' }],
  ])('refuses to start %s when a queue has no processor, naming the queue', async (_, env) => {
    const mod = await start(env);
    const init = mod.init();
    await expect(init).rejects.toThrow(MissingProcessorError);
    await expect(init).rejects.toThrow(/No @JobProcessor for queue\(s\) "rollup"/);
    await mod.close().catch(() => undefined);
  });

  it('lets a BullMQ process without workers start with no processor (an API with RUN_WORKERS=false)', async () => {
    const mod = await start({ ...bullmq, RUN_WORKERS: 'false' });
    await mod.init();
    try {
      expect(mod.get(JobQueueService).mode).toBe('bullmq');
      expect((await mod.get(JobQueueService).health()).workers).toBe(false);
    } finally {
      await mod.close();
    }
  });

  it('starts once every queue has its processor', async () => {
    const partial = await start({}, [NoopProcessor, NoopDeadlineProcessor]);
    await expect(partial.init()).rejects.toThrow(/No @JobProcessor for queue\(s\) "notice-email", "reminders"/);
    await partial.close().catch(() => undefined);
    const mod = await start({}, [NoopProcessor, NoopDeadlineProcessor, NoopMailProcessor, NoopRemindersProcessor]);
    await mod.init();
    try {
      expect((await mod.get(JobQueueService).health()).workers).toBe(true);
    } finally {
      await mod.close();
    }
  });
});
