import { Injectable, Logger } from '@nestjs/common';

/** A report's workflow step, told after its transaction committed. */
export interface ReportEvent {
  action: 'submit' | 'approve' | 'return' | 'reopen';
  unitCode: string;
  unitName: string;
  /** The unit that reviews this report (its parent); null above a province. */
  reviewingUnitCode: string | null;
  periodId: string;
  actor: string;
  /** The reviewer's return comment, or the reason given for reopening. */
  comment: string | null;
  at: Date;
}

export type ReportEventListener = (event: ReportEvent) => Promise<void>;

/**
 * The reports module's outward seam: modules above it (notices) subscribe here, so reports never
 * imports them. Listeners run after the commit and in the background: a slow or failing listener
 * neither blocks nor fails the request, and the report's own change is already safe.
 */
@Injectable()
export class ReportEvents {
  private readonly logger = new Logger('ReportEvents');
  private readonly listeners: ReportEventListener[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  subscribe(listener: ReportEventListener): void {
    this.listeners.push(listener);
  }

  emit(event: ReportEvent): void {
    for (const listener of this.listeners) {
      const p = listener(event)
        .catch((e: unknown) => this.logger.error(`listener failed for ${event.action} ${event.unitCode}/${event.periodId}: ${(e as Error).message}`))
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** Resolves once every listener started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
