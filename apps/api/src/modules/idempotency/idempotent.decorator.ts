import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** The route takes an optional Idempotency-Key header: a retry with the same key gets the first answer, and the action is not done twice. */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Khoá do máy khách chọn (8–128 ký tự) cho một thao tác: gửi lại cùng khoá nhận lại đúng câu trả lời đầu, thao tác không bị thực hiện hai lần; cùng khoá với nội dung khác → 422; đang xử lý → 409. Giữ 24 giờ.',
    }),
  );
}
