import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiError } from './api-error';

const log = new Logger('after-commit');

/**
 * Runs what follows a committed write (reading the result back to answer with it). The write is done:
 * if the read fails — the database went away just after the commit — the answer must not say "not
 * applied". It says the action was saved and the page should be reloaded (503, so a client retries the
 * read, not the action).
 */
export async function readAfterCommit<T>(what: { vi: string; en: string }, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    // A client error found while reading (the unit vanished?) is not expected here; either way the write stands.
    log.error(`${what.en}: committed, but reading the result back failed: ${(e as Error)?.message ?? String(e)}`);
    if (e instanceof HttpException && e.getStatus() < 500) throw e;
    throw new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'saved_not_read',
      `Đã ${what.vi} thành công (đã ghi vào cơ sở dữ liệu), nhưng hệ thống chưa đọc lại được kết quả. Vui lòng tải lại trang sau ít giây; không cần thực hiện lại thao tác.`,
      `The action (${what.en}) was saved, but its result could not be read back. Reload the page in a few seconds; do not repeat the action.`,
      undefined,
      { saved: true },
    );
  }
}
