import { isRetryableLockError } from './write-transaction';

describe('isRetryableLockError', () => {
  it('retries deadlocks and lock-wait timeouts, however the driver wraps them', () => {
    expect(isRetryableLockError({ code: 'ER_LOCK_DEADLOCK', errno: 1213 })).toBe(true);
    expect(isRetryableLockError({ driverError: { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 } })).toBe(true);
    expect(isRetryableLockError({ errno: 1213 })).toBe(true);
  });

  it('never retries other errors', () => {
    expect(isRetryableLockError({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(false);
    expect(isRetryableLockError(new Error('boom'))).toBe(false);
    expect(isRetryableLockError(undefined)).toBe(false);
  });
});
