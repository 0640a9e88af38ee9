import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry } from './entities/audit-entry.entity';

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every entry of one unit's report for one period, oldest first. */
  history(unitCode: string, periodId: string): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({
      where: { unitCode, periodId },
      order: { at: 'ASC', id: 'ASC' },
    });
  }
}
