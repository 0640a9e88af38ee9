import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

export type InstrumentStatus = 'draft' | 'published';

/**
 * One version of the indicator template, stored as its JSON document. A draft can be replaced or
 * deleted; a published version never changes again (reports made with it keep their meaning).
 */
@Entity('template_versions')
export class TemplateVersionRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  status: InstrumentStatus;

  /** The validated document (`Template`), as JSON. */
  @Column({ type: 'text' })
  document: string;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'datetime', nullable: true, transformer: dateOrNull })
  publishedAt: Date | null;
}
