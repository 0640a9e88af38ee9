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

/** The unit's own figure for a row its level reports, from its own report when the basis counts it. */
export class OwnFigureDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Số liệu của chính đơn vị (trống: đơn vị chưa nhập dòng này)' }) value: number | null;
  @ApiProperty({ enum: ['draft', 'submitted', 'returned', 'approved'], description: 'Trạng thái báo cáo riêng của đơn vị' }) status: string;
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
  @ApiProperty({ type: IndicatorSummaryDto, nullable: true, description: 'Tổng hợp từ cấp dưới' }) summary: IndicatorSummaryDto | null;
  @ApiProperty({
    type: OwnFigureDto,
    nullable: true,
    description: 'Số liệu của đơn vị (báo cáo riêng, nếu được tính theo cơ sở tổng hợp) — chỉ ở dòng cấp của đơn vị báo cáo',
  })
  own: OwnFigureDto | null;
}

/** The unit's own report for the period, whether or not the basis counts it (so a screen can say why `own` is empty). */
export class OwnReportRefDto {
  @ApiProperty({ enum: ['draft', 'submitted', 'returned', 'approved'] }) status: string;
  @ApiProperty({ description: 'Được tính theo cơ sở tổng hợp (basis)' }) counted: boolean;
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
  @ApiProperty({ type: OwnReportRefDto, nullable: true, description: 'Báo cáo riêng của đơn vị trong kỳ (null: chưa lập)' }) ownReport: OwnReportRefDto | null;
  @ApiProperty({ type: [SummaryIndicatorDto] }) indicators: SummaryIndicatorDto[];
}

export class ComparisonSideDto {
  @ApiProperty() period: string;
  @ApiProperty({ description: 'Số xã được so sánh ở kỳ này: các xã có báo cáo được tính ở cả hai kỳ (bằng nhau ở hai bên)' }) reported: number;
  @ApiProperty({ description: 'Số xã được so sánh (cùng con số với reported: chỉ xã có số liệu ở cả hai kỳ được đưa vào)' }) expected: number;
}

export class ComparisonIndicatorDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) valueType: string | null;
  @ApiProperty({
    enum: ['communes', 'own'],
    description: 'Nguồn số liệu của dòng: communes = báo cáo của các xã có mặt ở cả hai kỳ; own = báo cáo riêng của các huyện có mặt ở cả hai kỳ (dòng xã không báo cáo)',
  })
  source: 'communes' | 'own';
  @ApiPropertyOptional({ type: IndicatorSummaryDto, nullable: true, description: 'Kỳ này, chỉ trên các đơn vị có số liệu ở cả hai kỳ (count: số đơn vị có số liệu dòng này)' })
  current: IndicatorSummaryDto | null;
  @ApiPropertyOptional({ type: IndicatorSummaryDto, nullable: true, description: 'Kỳ so sánh, trên cùng các đơn vị' })
  previous: IndicatorSummaryDto | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'current.headline − previous.headline' }) change: number | null;
}

/** A commune left out of the comparison, with its district when the unit compared is a province. */
export class ComparisonLeftOutDto extends UnitRefDto {
  @ApiProperty({ type: String, nullable: true, description: 'Tên huyện của xã (khi so sánh cấp tỉnh ba cấp), null khi xã trực thuộc đơn vị' })
  parentName: string | null;
}

export class SummaryComparisonResponseDto {
  @ApiProperty({ type: UnitRefDto }) unit: UnitRefDto;
  @ApiProperty({ enum: ['approved', 'submitted'] }) basis: string;
  @ApiProperty({ type: ComparisonSideDto }) current: ComparisonSideDto;
  @ApiProperty({ type: ComparisonSideDto }) previous: ComparisonSideDto;
  @ApiProperty({ description: 'Số đơn vị trực thuộc trực tiếp' }) childrenExpected: number;
  @ApiProperty({ description: 'Số xã trong toàn bộ địa bàn của đơn vị' }) communesExpected: number;
  @ApiProperty({ description: 'Số xã có báo cáo được tính ở cả hai kỳ: chỉ các xã này được so sánh' }) communesInBoth: number;
  @ApiProperty({ description: 'Số xã có báo cáo được tính ở kỳ này (cả những xã không đưa vào so sánh)' }) communesCurrent: number;
  @ApiProperty({ description: 'Số xã có báo cáo được tính ở kỳ so sánh (cả những xã không đưa vào so sánh)' }) communesPrevious: number;
  @ApiProperty({ type: [UnitRefDto], description: 'Các xã (trong toàn bộ địa bàn) có số liệu ở cả hai kỳ: chỉ các xã này được so sánh' }) common: UnitRefDto[];
  @ApiProperty({ type: [ComparisonLeftOutDto], description: 'Xã chỉ có số liệu kỳ này (không đưa vào so sánh)' }) onlyCurrent: ComparisonLeftOutDto[];
  @ApiProperty({ type: [ComparisonLeftOutDto], description: 'Xã chỉ có số liệu kỳ so sánh (không đưa vào so sánh)' }) onlyPrevious: ComparisonLeftOutDto[];
  @ApiProperty({ description: 'Số đơn vị trung gian (huyện của tỉnh ba cấp) có thể lập báo cáo riêng; 0 với huyện và tỉnh hai cấp' }) ownExpected: number;
  @ApiProperty({ type: [UnitRefDto], description: 'Huyện có báo cáo riêng được tính ở cả hai kỳ: nguồn của các dòng chỉ cấp huyện báo cáo (source = own)' })
  ownInBoth: UnitRefDto[];
  @ApiProperty({ type: [UnitRefDto], description: 'Huyện chỉ có báo cáo riêng kỳ này (không đưa vào so sánh)' }) ownOnlyCurrent: UnitRefDto[];
  @ApiProperty({ type: [UnitRefDto], description: 'Huyện chỉ có báo cáo riêng kỳ so sánh (không đưa vào so sánh)' }) ownOnlyPrevious: UnitRefDto[];
  @ApiProperty({ type: [ComparisonIndicatorDto], description: 'Rows of both periods\' template versions (matched by code or renamedFrom), in the current version\'s order' }) indicators: ComparisonIndicatorDto[];
  @ApiProperty({ example: '2025.1' }) templateVersion: string;
  @ApiProperty({ example: '2023.1' }) previousTemplateVersion: string;
  @ApiProperty({ type: [String], description: 'Value rows only the current period\'s version has (not compared)' }) indicatorsOnlyCurrent: string[];
  @ApiProperty({ type: [String], description: 'Value rows only the compared period\'s version has (not compared)' }) indicatorsOnlyPrevious: string[];
}
