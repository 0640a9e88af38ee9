import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthEvent, AuthEventAction } from './entities/auth-event.entity';

export interface AuthEventInput {
  action: AuthEventAction;
  actor?: { id: number; username: string } | null;
  target?: { id: number | null; username: string } | null;
  ip?: string | null;
  /** What changed or why; must never hold a password or a hash. */
  detail?: Record<string, unknown> | null;
}

/** Keys that must never reach the trail, whoever builds the detail. */
const SECRET = /pass|hash|token|secret/i;

/** The authentication and account trail (logins, logouts, password and account changes). */
@Injectable()
export class AuthEventsService {
  private readonly logger = new Logger('AuthEvents');

  constructor(private readonly dataSource: DataSource) {}

  async record(e: AuthEventInput): Promise<void> {
    const detail = e.detail ? JSON.stringify(Object.fromEntries(Object.entries(e.detail).filter(([k]) => !SECRET.test(k)))) : null;
    try {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(AuthEvent)
        .values({
          at: new Date(),
          action: e.action,
          actorId: e.actor?.id ?? null,
          actor: e.actor?.username.slice(0, 64) ?? null,
          targetUserId: e.target?.id ?? null,
          targetUsername: e.target?.username.slice(0, 64) ?? null,
          ip: e.ip?.slice(0, 64) ?? null,
          detail,
        })
        .execute();
    } catch (err) {
      // The change itself already happened; a lost trail row is logged loudly rather than failing the request.
      this.logger.error(`could not record ${e.action} for ${e.target?.username ?? '?'}: ${(err as Error).message}`);
    }
  }

  /** Newest first; optionally one account's (as actor or target) or one action's. */
  list(filter: { username?: string; action?: AuthEventAction; limit?: number } = {}): Promise<AuthEvent[]> {
    const qb = this.dataSource.getRepository(AuthEvent).createQueryBuilder('e');
    if (filter.username) qb.andWhere('(e.target_username = :u OR e.actor = :u)', { u: filter.username });
    if (filter.action) qb.andWhere('e.action = :a', { a: filter.action });
    return qb
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000))
      .getMany();
  }
}
