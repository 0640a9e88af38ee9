import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RevokedToken } from './entities/revoked-token.entity';

/**
 * Logged-out tokens, by id (`jti`), until they would have expired. The table is the truth (shared by
 * every instance); answers are cached in-process for AUTH_CACHE_TTL_MS, and a logout in this process
 * is known here at once.
 */
@Injectable()
export class TokenRevocationService implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new Map<string, { revoked: boolean; until: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Expired rows are useless (their tokens fail verification anyway): drop them hourly.
    this.timer = setInterval(() => void this.purgeExpired().catch(() => undefined), 3_600_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async revoke(jti: string, userId: number, expiresAt: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(RevokedToken)
      .values({ jti, userId, expiresAt, revokedAt: new Date() })
      .orIgnore()
      .execute();
    // Until the token's own expiry: after that, verification rejects it before we are asked.
    this.cache.set(jti, { revoked: true, until: expiresAt.getTime() });
  }

  async isRevoked(jti: string): Promise<boolean> {
    const now = Date.now();
    const hit = this.cache.get(jti);
    if (hit && hit.until > now) return hit.revoked;
    const revoked = (await this.dataSource.getRepository(RevokedToken).countBy({ jti })) > 0;
    if (this.config.authCacheTtlMs > 0 || revoked) {
      if (this.cache.size > 50_000) for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
      this.cache.set(jti, { revoked, until: now + Math.max(this.config.authCacheTtlMs, revoked ? 60_000 : 0) });
    }
    return revoked;
  }

  async purgeExpired(): Promise<number> {
    const r = await this.dataSource.getRepository(RevokedToken).delete({ expiresAt: LessThan(new Date()) });
    return r.affected ?? 0;
  }
}
