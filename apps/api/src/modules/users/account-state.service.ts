import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toAuthUser, type AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UnitsService } from '../units/units.service';
import { User } from './entities/user.entity';

/** What a request may do, as the database says now (not as the token said when it was issued). */
export interface AccountState extends AuthUser {
  active: boolean;
  tokenVersion: number;
  mustChangePassword: boolean;
}

/**
 * Every authenticated request re-reads its account through this cache. Entries live at most
 * AUTH_CACHE_TTL_MS (≤ 5 s) so another instance's change is seen within that; a change made by this
 * process drops the entry at once. Memory stays bounded by the number of accounts active in 5 s.
 */
@Injectable()
export class AccountStateService {
  private readonly cache = new Map<number, { state: AccountState | null; until: number }>();

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly units: UnitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** null: the account no longer exists. */
  async get(userId: number): Promise<AccountState | null> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && hit.until > now) return hit.state;
    const state = await this.load(userId);
    if (this.config.authCacheTtlMs > 0) {
      if (this.cache.size > 10_000) this.sweep(now);
      this.cache.set(userId, { state, until: now + this.config.authCacheTtlMs });
    }
    return state;
  }

  invalidate(userId: number): void {
    this.cache.delete(userId);
  }

  private sweep(now: number): void {
    for (const [id, e] of this.cache) if (e.until <= now) this.cache.delete(id);
  }

  private async load(userId: number): Promise<AccountState | null> {
    const u = await this.users.findOne({ where: { id: userId } });
    if (!u) return null;
    const unit = u.unitCode ? await this.units.findByCode(u.unitCode) : null;
    return { ...toAuthUser(u, unit), active: u.active, tokenVersion: u.tokenVersion, mustChangePassword: u.mustChangePassword };
  }
}
