import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

const IP_WINDOW_MS = 15 * 60_000;
/** A username's failures are forgotten after this long without a new one. */
const USER_MEMORY_MS = 24 * 3_600_000;

interface UserCounter {
  failures: number;
  lastFailure: number;
  lockedUntil: number;
}

/**
 * Failed logins, counted per account and per IP separately, so guessing one account is slowed down
 * without locking out the colleagues who share the office's address:
 * - a username with LOGIN_USER_FAILURE_THRESHOLD failures is locked for LOGIN_LOCKOUT_BASE_SECONDS,
 *   doubling with each further failure up to LOGIN_LOCKOUT_MAX_SECONDS; a success clears it;
 * - an IP with LOGIN_IP_FAILURE_LIMIT failures in 15 minutes waits for that window to pass.
 * The account key is the matched account (`#id`), or the normalized spelling when none matched, so no
 * look-alike spelling of a name gets guesses of its own (see @cchc/shared normalizeUsername).
 * Counters are in-process (one API instance; several instances each count their own — see docs/security.md).
 */
@Injectable()
export class LoginThrottleService {
  private readonly users = new Map<string, UserCounter>();
  private readonly ips = new Map<string, { count: number; windowStart: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Throws 429 (with Retry-After seconds in `details`) when this username or IP must wait. Counts nothing. */
  assertAllowed(account: string, ip: string | null, now = Date.now()): void {
    const ipState = ip ? this.ips.get(ip) : undefined;
    if (ipState && now - ipState.windowStart < IP_WINDOW_MS && ipState.count >= this.config.loginIpFailureLimit) {
      throw tooMany(Math.ceil((ipState.windowStart + IP_WINDOW_MS - now) / 1000), 'ip');
    }
    const u = this.users.get(account);
    if (u && u.lockedUntil > now) throw tooMany(Math.ceil((u.lockedUntil - now) / 1000), 'username');
  }

  recordFailure(account: string, ip: string | null, now = Date.now()): void {
    if (ip) {
      const s = this.ips.get(ip);
      if (!s || now - s.windowStart >= IP_WINDOW_MS) this.ips.set(ip, { count: 1, windowStart: now });
      else s.count += 1;
    }
    const k = account;
    const prev = this.users.get(k);
    const u: UserCounter = prev && now - prev.lastFailure < USER_MEMORY_MS ? prev : { failures: 0, lastFailure: now, lockedUntil: 0 };
    u.failures += 1;
    u.lastFailure = now;
    const over = u.failures - this.config.loginUserFailureThreshold;
    if (over >= 0) {
      const seconds = Math.min(this.config.loginLockoutBaseSeconds * 2 ** Math.min(over, 20), this.config.loginLockoutMaxSeconds);
      u.lockedUntil = now + seconds * 1000;
    }
    this.users.set(k, u);
    if (this.users.size > 100_000 || this.ips.size > 100_000) this.sweep(now);
  }

  /** A correct password clears the username's count (not the IP's: one success must not launder a spray). */
  recordSuccess(account: string): void {
    this.users.delete(account);
  }

  private sweep(now: number): void {
    for (const [k, u] of this.users) if (now - u.lastFailure >= USER_MEMORY_MS && u.lockedUntil <= now) this.users.delete(k);
    for (const [k, s] of this.ips) if (now - s.windowStart >= IP_WINDOW_MS) this.ips.delete(k);
  }
}


function tooMany(retryAfter: number, scope: 'ip' | 'username'): ApiError {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return scope === 'username'
    ? new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'login_locked',
        `Tài khoản tạm khoá đăng nhập do nhập sai mật khẩu nhiều lần; thử lại sau khoảng ${minutes} phút.`,
        `Too many failed logins for this account; try again in about ${minutes} minute(s).`,
        'username',
        { retryAfter },
      )
    : new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'too_many_requests',
        `Quá nhiều lần đăng nhập sai từ địa chỉ này; thử lại sau khoảng ${minutes} phút.`,
        `Too many failed logins from this address; try again in about ${minutes} minute(s).`,
        undefined,
        { retryAfter },
      );
}
