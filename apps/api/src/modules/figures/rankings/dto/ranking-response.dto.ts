import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RankedUnitRefDto {
  @ApiProperty({ description: 'Mã đơn vị; "VN" cho toàn quốc' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['country', 'province', 'district', 'commune'], description: 'country: toàn quốc (chỉ ở `unit` của xếp hạng các tỉnh)' }) level: string;
}

export class ScoreFigureDto {
  @ApiProperty({ description: 'Điểm đạt được (với huyện: trung bình các xã được chấm)' }) points: number;
  @ApiProperty({ description: 'Điểm tối đa' }) max: number;
  @ApiProperty({ nullable: true, type: Number, description: 'points / max × 100' }) percent: number | null;
}

export class DomainRankDto extends ScoreFigureDto {
  @ApiProperty() code: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Hạng theo lĩnh vực (đồng hạng: 1, 2, 2, 4)' }) rank: number | null;
}

export class RankingRowDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Hạng theo tổng điểm (%), đồng hạng 1, 2, 2, 4; null = không xếp hạng' })
  rank: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Hạng ở kỳ cùng loại năm trước' })
  previousRank: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'previousRank − rank: dương là tăng hạng' })
  rankChange: number | null;

  @ApiProperty({ description: 'Được xếp hạng (xã: có điểm; huyện, tỉnh: có điểm và đủ độ phủ tối thiểu)' })
  ranked: boolean;

  @ApiProperty({ description: 'Có điểm nhưng số xã được chấm chưa đạt độ phủ tối thiểu (RANKING_MIN_COVERAGE): không xếp hạng, xếp sau các đơn vị có hạng' })
  belowCoverage: boolean;

  @ApiProperty({ type: RankedUnitRefDto }) unit: RankedUnitRefDto;

  @ApiPropertyOptional({ type: RankedUnitRefDto, nullable: true, description: 'Huyện của xã (khi xếp hạng mọi xã của tỉnh)' })
  district: RankedUnitRefDto | null;

  @ApiProperty({
    description: 'Xã: trạng thái báo cáo (approved, submitted, returned, draft, missing). Huyện: complete, partial, none theo số xã được chấm',
  })
  status: string;

  @ApiProperty({ description: 'Số xã được chấm điểm' }) scored: number;
  @ApiProperty({ description: 'Số xã thuộc đơn vị' }) expected: number;
  @ApiProperty({ description: 'Độ phủ: scored / expected (0–1)' }) coverage: number;

  @ApiProperty({ type: ScoreFigureDto, nullable: true }) total: ScoreFigureDto | null;
  @ApiProperty({ type: [DomainRankDto] }) domains: DomainRankDto[];
}

export class RankingDomainDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() max: number;
}

export class RankingResponseDto {
  @ApiProperty({ type: RankedUnitRefDto }) unit: RankedUnitRefDto;
  @ApiProperty() period: string;
  @ApiProperty({ nullable: true, type: String }) previousPeriod: string | null;
  @ApiProperty({ enum: ['children', 'communes'] }) scope: string;
  @ApiProperty({ enum: ['approved', 'submitted'] }) basis: string;
  @ApiProperty() schemeVersion: string;
  @ApiProperty({ description: 'Độ phủ tối thiểu (0–1) để một huyện, tỉnh được xếp hạng' }) minCoverage: number;
  @ApiProperty({ type: [RankingDomainDto] }) domains: RankingDomainDto[];
  @ApiProperty({ type: [RankingRowDto] }) rows: RankingRowDto[];
}

export class ReasonDto {
  @ApiProperty() vi: string;
  @ApiProperty() en: string;
}

export class CriterionInputDto {
  @ApiProperty({ description: 'Mã chỉ tiêu' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty() unit: string;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
}

export class CriterionScoreDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() points: number;
  @ApiProperty() max: number;
  @ApiProperty({ type: ReasonDto, description: 'Vì sao được số điểm này (từ quy tắc chấm điểm dùng chung)' }) reason: ReasonDto;
  @ApiProperty({ type: [CriterionInputDto] }) inputs: CriterionInputDto[];
}

export class DomainScoreDto extends ScoreFigureDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CriterionScoreDto] }) criteria: CriterionScoreDto[];
}

export class BreakdownResponseDto {
  @ApiProperty({ type: RankedUnitRefDto }) unit: RankedUnitRefDto;
  @ApiProperty() period: string;
  @ApiProperty({ description: 'Trạng thái báo cáo' }) status: string;
  @ApiProperty({ description: 'Báo cáo có được tính vào xếp hạng theo cơ sở đã chọn không' }) counted: boolean;
  @ApiProperty({ enum: ['approved', 'submitted'] }) basis: string;
  @ApiProperty() schemeVersion: string;
  @ApiProperty({ type: ScoreFigureDto }) total: ScoreFigureDto;
  @ApiProperty({ nullable: true, type: Number, description: 'Hạng trong các xã cùng đơn vị cấp trên' }) rank: number | null;
  @ApiProperty({ description: 'Số xã được xếp hạng cùng đơn vị cấp trên' }) rankedAmong: number;
  @ApiProperty({ type: [DomainScoreDto] }) domains: DomainScoreDto[];
}
