import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SummaryResponseDto } from '../../summaries/dto/summary-response.dto';

export class HistoryPredecessorDto {
  @ApiProperty({ description: 'Mã đơn vị cũ (cây 2024)' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Có báo cáo đã duyệt trong kỳ cũ' }) reported: boolean;
  @ApiProperty({ description: 'Được tính vào số liệu' }) placed: boolean;
  @ApiProperty({ description: 'Xã cũ bị chia cho nhiều đơn vị mới' }) split: boolean;
}

export class HistoryNotPlacedDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ['unmatched', 'split_without_share', 'split'],
    description: 'unmatched: nguồn đối chiếu không tìm được đơn vị mới; split*: xã cũ bị chia, không chia số liệu theo ước lượng',
  })
  reason: 'unmatched' | 'split_without_share' | 'split';
  @ApiProperty({ type: Number, nullable: true, description: 'Tỷ lệ phần chia khi nguồn có ghi' }) share: number | null;
}

export class HistoryCoverageDto {
  @ApiProperty({ description: 'Số xã cũ thuộc về đơn vị theo lịch sử sáp nhập' }) expected: number;
  @ApiProperty({ description: 'Trong đó, số xã có báo cáo đã duyệt' }) reported: number;
  @ApiProperty({ description: 'Trong đó, số xã được tính vào số liệu' }) placed: number;
}

export class HistoryBlockDto {
  @ApiProperty({ enum: ['current'] }) tree: 'current';
  @ApiProperty({ description: 'Kỳ cũ được tổng hợp lại' }) period: string;
  @ApiProperty({ enum: ['approved'], description: 'Chỉ báo cáo đã duyệt' }) basis: 'approved';
  @ApiProperty({ type: HistoryCoverageDto }) coverage: HistoryCoverageDto;
  @ApiProperty({ type: [HistoryPredecessorDto] }) predecessors: HistoryPredecessorDto[];
  @ApiProperty({ type: [HistoryNotPlacedDto], description: 'Xã cũ có báo cáo nhưng không đặt được vào đơn vị mới (không đoán)' })
  notPlaced: HistoryNotPlacedDto[];
  @ApiProperty({ example: 'Administrative data provided by VietMap' }) attribution: string;
  @ApiProperty({ example: 'Dữ liệu hành chính được cung cấp bởi VietMap' }) attributionVi: string;
}

/** A summary; with ?tree=current an old period re-aggregated onto today's unit, plus the `history` block. */
export class HistorySummaryResponseDto extends SummaryResponseDto {
  @ApiPropertyOptional({ type: HistoryBlockDto, description: 'Chỉ khi tree=current: tổng hợp từ các đơn vị cũ qua lịch sử sáp nhập' })
  history?: HistoryBlockDto;
}
