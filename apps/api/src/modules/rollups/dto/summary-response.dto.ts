import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OptionCountDto {
  @ApiProperty() value: number;
  @ApiProperty({ description: 'Nhãn tiếng Việt của lựa chọn' }) label: string;
  @ApiProperty({ type: String, nullable: true }) labelEn: string | null;
  @ApiProperty({ description: 'Số đơn vị chọn giá trị này' }) count: number;
}

export class IndicatorSummaryDto {
  @ApiProperty({ enum: ['sum', 'mean', 'weighted_mean', 'share_yes', 'distribution', 'max', 'min'] }) rule: string;
  @ApiProperty({ description: 'Số xã có số liệu (ô trống không tính)' }) count: number;
  @ApiProperty() sum: number;
  @ApiProperty({ type: Number, nullable: true }) mean: number | null;
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Giá trị chính theo quy tắc tổng hợp' }) headline: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Có/Không: tỷ lệ % đơn vị trả lời Có' }) shareYes: number | null;
  @ApiProperty() weightedSum: number;
  @ApiProperty() weightSum: number;
  @ApiProperty({ type: [OptionCountDto], nullable: true }) optionCounts: OptionCountDto[] | null;
}

export class SummaryIndicatorDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) titleEn: string | null;
  @ApiProperty() unit: string;
  @ApiProperty() depth: number;
  @ApiProperty({ type: String, nullable: true }) parent: string | null;
  @ApiProperty() isHeading: boolean;
  @ApiProperty({ type: String, nullable: true }) valueType: string | null;
  @ApiProperty({ type: IndicatorSummaryDto, nullable: true }) summary: IndicatorSummaryDto | null;
}

export class UnitRefDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() level?: string;
}

export class CoverageDto {
  @ApiProperty({ description: 'Số xã thuộc đơn vị' }) expected: number;
  @ApiProperty({ description: 'Số xã có báo cáo được tính' }) reported: number;
  @ApiProperty() childrenExpected: number;
  @ApiProperty() childrenReported: number;
  @ApiProperty({ type: [UnitRefDto], description: 'Đơn vị trực thuộc chưa có số liệu' }) missing: UnitRefDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Thời điểm tổng hợp (ISO)' }) asOf: string | null;
  @ApiProperty({ description: 'Có thay đổi đang chờ tổng hợp trong cây đơn vị' }) stale: boolean;
}

export class RollupStateDto {
  @ApiProperty() requestedSeq: number;
  @ApiProperty() doneSeq: number;
  @ApiProperty() failures: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

export class SummaryResponseDto {
  @ApiProperty({ type: UnitRefDto }) unit: UnitRefDto;
  @ApiProperty() period: string;
  @ApiProperty() templateVersion: string;
  @ApiProperty({ enum: ['approved', 'submitted'] }) basis: 'approved' | 'submitted';
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: RollupStateDto, nullable: true }) rollup: RollupStateDto | null;
  @ApiProperty({ type: [SummaryIndicatorDto] }) indicators: SummaryIndicatorDto[];
}
