import { HttpException, HttpStatus } from '@nestjs/common';

/** The JSON body of every error: a status, a machine code, a Vietnamese message, its English twin, and the field at fault. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  messageEn: string;
  field?: string;
  details?: unknown;
}

export class ApiError extends HttpException {
  constructor(status: HttpStatus, error: string, vi: string, en: string, field?: string, details?: unknown) {
    const body: ApiErrorBody = { statusCode: status, error, message: vi, messageEn: en };
    if (field !== undefined) body.field = field;
    if (details !== undefined) body.details = details;
    super(body, status);
  }
}

export const badRequest = (field: string | undefined, vi: string, en: string, details?: unknown) =>
  new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', vi, en, field, details);
export const notFound = (vi: string, en: string, field?: string) =>
  new ApiError(HttpStatus.NOT_FOUND, 'not_found', vi, en, field);
export const forbidden = (vi = 'Bạn không có quyền thực hiện thao tác này trên đơn vị này.', en = 'You may not do this for this unit.') =>
  new ApiError(HttpStatus.FORBIDDEN, 'forbidden', vi, en);
export const conflict = (error: string, vi: string, en: string, details?: unknown) =>
  new ApiError(HttpStatus.CONFLICT, error, vi, en, undefined, details);
export const unprocessable = (error: string, vi: string, en: string, details?: unknown) =>
  new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, error, vi, en, undefined, details);
