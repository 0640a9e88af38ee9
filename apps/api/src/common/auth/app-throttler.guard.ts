import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ApiError } from '../api-error';

/**
 * The library's guard answers "ThrottlerException: Too Many Requests" (a class name, English only).
 * Ours answers in the API's error shape, in Vietnamese and English, with a plain Retry-After.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire || detail.ttl / 1000));
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', seconds);
    throw new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      'too_many_requests',
      `Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ${seconds} giây.`,
      `Too many requests from this address; try again in ${seconds} s.`,
      undefined,
      { retryAfter: seconds },
    );
  }
}
