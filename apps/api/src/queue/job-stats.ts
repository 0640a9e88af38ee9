import { Counter, Histogram, Registry } from 'prom-client';

/**
 * What this process's workers did: one histogram of job durations by queue and outcome. Kept in the
 * queue layer (the metrics module reads its registry), so processors need not know about metrics.
 */
export class JobStats {
  readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'cchc_job_duration_seconds',
    help: 'Duration of jobs run by this process, by queue and outcome (completed, failed: an attempt that threw)',
    labelNames: ['queue', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly exhausted = new Counter({
    name: 'cchc_jobs_exhausted_total',
    help: 'Jobs that used up all their attempts in this process, by queue',
    labelNames: ['queue'],
    registers: [this.registry],
  });

  /** Wraps one attempt: times it and counts its outcome. */
  async time<T>(queue: string, run: () => Promise<T>): Promise<T> {
    const end = this.duration.startTimer({ queue });
    try {
      const r = await run();
      end({ outcome: 'completed' });
      return r;
    } catch (e) {
      end({ outcome: 'failed' });
      throw e;
    }
  }

  exhaustedOne(queue: string): void {
    this.exhausted.inc({ queue });
  }
}
