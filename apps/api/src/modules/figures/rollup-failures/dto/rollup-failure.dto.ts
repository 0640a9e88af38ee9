import { ApiProperty } from '@nestjs/swagger';

/** A unit × period whose summary is owed and whose last rollup attempt failed. */
export class RollupFailureDto {
  @ApiProperty() unitCode: string;
  @ApiProperty({ description: 'Tên đơn vị (theo cây đơn vị của kỳ)' }) unitName: string;
  @ApiProperty({ type: String, nullable: true }) unitLevel: string | null;
  @ApiProperty() periodId: string;
  @ApiProperty({ description: 'Số lần thử liên tiếp bị lỗi' }) failures: number;
  @ApiProperty({ type: String, nullable: true, description: 'Lý do của lần lỗi gần nhất' }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: Date | null;
  /** rollup_state.dirty_since; named requestedAt because the generated web client already reads that name. */
  @ApiProperty({ type: String, format: 'date-time', description: 'Từ khi nào tổng hợp này còn nợ' }) requestedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Lần thử lại tự động tiếp theo (sớm nhất)' }) nextRetryAt: Date | null;
}

export class RollupRetryResponseDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() periodId: string;
  @ApiProperty({ description: 'Đã đưa vào hàng đợi (false: Redis không trả lời, bộ đối soát sẽ thử lại)' }) enqueued: boolean;
}
