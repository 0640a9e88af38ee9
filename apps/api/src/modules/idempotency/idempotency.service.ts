import { AsyncLocalStorage } from 'node:async_hooks';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { ApiError } from '../../common/api-error';
import { IdempotencyKey } from './entities/idempotency-key.entity';

/** A key is kept this long: long enough for any client's retry, short enough for the table to stay small. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** A claim older than this with no commit behind it belongs to a request that died: the key may be used again. */
export const ABANDONED_AFTER_MS = 5 * 60_000;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The claim of the request being handled, visible to the service that runs its transaction. */
export interface IdempotencyClaim {
  id: number;
  /** The action already committed under this key (an earlier attempt): the service answers without acting again. */
  alreadyCommitted: boolean;
}

const claims = new AsyncLocalStorage<IdempotencyClaim>();

export type Lookup =
  | { kind: 'new'; claim: IdempotencyClaim }
  | { kind: 'replay'; statusCode: number; body: unknown }
  | { kind: 'committed'; claim: IdempotencyClaim };

/**
 * Idempotency-Key for the actions a client may need to retry after losing the answer (the workflow
 * transitions and imports). The key is claimed before the action; the action's own transaction marks it
 * committed, so "was it done?" is answered by the same commit that did it; the answer is stored after.
 * The same key again (same caller, route and body) gets the stored answer and nothing is done twice;
 * the same key with another route or body is refused (422).
 */
@Injectable()
export class IdempotencyService {
  private readonly log = new Logger('idempotency');
  private lastPurge = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The claim of the current request, if it came with a key. */
  static current(): IdempotencyClaim | undefined {
    return claims.getStore();
  }

  run<T>(claim: IdempotencyClaim, work: () => T): T {
    return claims.run(claim, work);
  }

  /** Inside the action's transaction: the key's action is now committed exactly when this transaction is. */
  static async markCommitted(em: EntityManager, response?: { statusCode: number; body: unknown }): Promise<void> {
    const claim = claims.getStore();
    if (!claim) return;
    await em.update(
      IdempotencyKey,
      { id: claim.id },
      response ? { state: 'done', statusCode: response.statusCode, response: JSON.stringify(response.body) } : { state: 'committed' },
    );
  }

  async claim(userId: number, key: string, route: string, requestHash: string): Promise<Lookup> {
    await this.purge();
    const repo = this.dataSource.getRepository(IdempotencyKey);
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await repo.findOne({ where: { userId, key } });
      if (!existing) {
        try {
          const row = await repo.save(repo.create({ userId, key, route, requestHash, state: 'pending', statusCode: null, response: null, createdAt: new Date() }), {
            transaction: false,
          });
          return { kind: 'new', claim: { id: row.id, alreadyCommitted: false } };
        } catch (e) {
          if (isDuplicate(e)) continue; // a concurrent request with the same key claimed it first
          throw e;
        }
      }
      if (existing.route !== route || existing.requestHash !== requestHash) throw reused();
      if (existing.state === 'done') return { kind: 'replay', statusCode: existing.statusCode ?? 200, body: existing.response === null ? null : JSON.parse(existing.response) };
      if (existing.state === 'committed') return { kind: 'committed', claim: { id: existing.id, alreadyCommitted: true } };
      if (Date.now() - existing.createdAt.getTime() < ABANDONED_AFTER_MS) throw inProgress();
      // A claim abandoned before any commit: take it over (only one taker wins the update).
      const taken = await repo.update({ id: existing.id, state: 'pending' }, { createdAt: new Date() });
      if (taken.affected === 1) return { kind: 'new', claim: { id: existing.id, alreadyCommitted: false } };
    }
    throw inProgress();
  }

  /** The action answered: store the answer for the next use of the key. */
  async complete(claim: IdempotencyClaim, statusCode: number, body: unknown): Promise<void> {
    try {
      await this.dataSource.getRepository(IdempotencyKey).update({ id: claim.id }, { state: 'done', statusCode, response: JSON.stringify(body ?? null) });
    } catch (e) {
      // The key stays "committed" (or pending): a retry re-reads the result instead of acting again.
      this.log.warn(`could not store the answer of idempotency key #${claim.id}: ${(e as Error).message}`);
    }
  }

  /** The action failed: when it did not commit, the key is released so a retry may run it. */
  async release(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.dataSource.getRepository(IdempotencyKey).delete({ id: claim.id, state: 'pending' });
    } catch (e) {
      this.log.warn(`could not release idempotency key #${claim.id}: ${(e as Error).message}`);
    }
  }

  private async purge(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.dataSource.getRepository(IdempotencyKey).delete({ createdAt: LessThan(new Date(now - IDEMPOTENCY_TTL_MS)) });
  }
}

function isDuplicate(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  const code = err.driverError?.code ?? err.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

const reused = () =>
  new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'idempotency_key_reused',
    'Khoá Idempotency-Key này đã được dùng cho một yêu cầu khác (khác địa chỉ hoặc nội dung). Hãy dùng khoá mới cho mỗi thao tác mới.',
    'This Idempotency-Key was used for another request (another route or body). Use a new key for each new action.',
    'Idempotency-Key',
  );

const inProgress = () =>
  new ApiError(
    HttpStatus.CONFLICT,
    'idempotency_in_progress',
    'Yêu cầu với khoá Idempotency-Key này đang được xử lý; vui lòng chờ giây lát rồi thử lại.',
    'A request with this Idempotency-Key is still being processed; retry in a moment.',
    'Idempotency-Key',
  );
