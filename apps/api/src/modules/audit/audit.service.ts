import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntry } from './entities/audit-entry.entity';

export interface AuditChange {
  action: AuditAction;
  field: string | null;
  before: string | null;
  after: string | null;
}

export interface AuditContext {
  reportId: number | null;
  unitCode: string;
  periodId: string;
  actor: string;
  at: Date;
}

/** 3 columns per row × 500 rows stays far below SQLite's bound-parameter cap. */
const CHUNK = 500;

/** Append-only trail of who changed what. Written in the caller's transaction, so a change and its trail commit together. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(em: EntityManager, ctx: AuditContext, changes: AuditChange[]): Promise<void> {
    const rows = changes.map((c) => ({ ...ctx, ...c }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await em.createQueryBuilder().insert().into(AuditEntry).values(rows.slice(i, i + CHUNK)).execute();
    }
  }

  /** Every entry of one unit's report for one period, oldest first. */
  history(unitCode: string, periodId: string): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({
      where: { unitCode, periodId },
      order: { at: 'ASC', id: 'ASC' },
    });
  }
}
