import type { EntityManager } from 'typeorm';

/**
 * Where a report change is announced to what is computed from reports (the rollups). Defined here and
 * provided by the rollups module, so reports never import what depends on them: markStale runs inside
 * the change's transaction (the change and the request commit together), kick after commit.
 */
export abstract class ReportChangeSink {
  abstract markStale(em: EntityManager, unitCode: string, periodId: string): Promise<void>;
  abstract kick(unitCode: string, periodId: string): Promise<boolean>;
}
