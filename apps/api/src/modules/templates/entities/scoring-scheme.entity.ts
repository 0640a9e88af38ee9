import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';
import type { InstrumentStatus } from './template-version.entity';

/** One version of a scoring scheme for one template version, stored as its JSON document; immutable once published. */
@Entity('scoring_schemes')
export class ScoringSchemeRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  version: string;

  @Column({ name: 'template_version', type: 'varchar', length: 32 })
  templateVersion: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  status: InstrumentStatus;

  /** The validated document (`ScoringScheme`), as JSON. */
  @Column({ type: 'text' })
  document: string;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  publishedAt: Date | null;
}
