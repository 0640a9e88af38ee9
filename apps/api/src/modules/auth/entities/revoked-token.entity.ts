import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateOrNull } from '../../../database/columns';

/** A logged-out token's id, kept until the token would have expired anyway. */
@Entity('revoked_tokens')
@Index(['expiresAt'])
export class RevokedToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  jti: string;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'expires_at', type: 'datetime', transformer: dateOrNull })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', transformer: dateOrNull })
  revokedAt: Date;
}
