import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/** pending: claimed, the action may still be running; committed: the action's transaction committed, its answer not stored yet; done: the answer is stored. */
export type IdempotencyState = 'pending' | 'committed' | 'done';

/** One client-chosen Idempotency-Key of one account: what it was used for, and the answer it got. */
@Entity('idempotency_keys')
@Index('UQ_idempotency_keys_user_key', ['userId', 'key'], { unique: true })
export class IdempotencyKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'idem_key', type: 'varchar', length: 128 })
  key: string;

  /** Method and path, e.g. "POST /api/reports/19870/2023/approve". */
  @Column({ type: 'varchar', length: 255 })
  route: string;

  /** SHA-256 of the request body, hex. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 12 })
  state: IdempotencyState;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  /** The JSON answer given, replayed for the same key. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'created_at', type: 'datetime', transformer: dateOrNull })
  createdAt: Date;
}
