import { ApiProperty } from '@nestjs/swagger';
import { NullableStringProp, UnitLevelProp } from '../../../openapi/api-schema';

export class AdminUnitRefDto {
  @ApiProperty({ description: 'Mã đơn vị hành chính chính thức', example: '19894' }) code: string;
  @ApiProperty() name: string;
  @UnitLevelProp() level: string;
}

export class UnitSearchResultDto extends AdminUnitRefDto {
  @NullableStringProp({ description: 'The parent unit’s name (which district or province), to tell namesakes apart' }) parentName: string | null;
}

export class UnitDetailResponseDto extends AdminUnitRefDto {
  @NullableStringProp() parentCode: string | null;
  @ApiProperty({ example: '/46/474/19894/' }) path: string;
  @ApiProperty() depth: number;
  @ApiProperty({ enum: ['2024', '2025'], description: 'The unit tree this row belongs to (GSO reuses codes across trees)' }) tree: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) validFrom: string;
  @NullableStringProp({ description: 'YYYY-MM-DD; null = still valid' }) validTo: string | null;
  @ApiProperty({ type: [AdminUnitRefDto], description: 'From the top (province) down' }) ancestors: AdminUnitRefDto[];
  @ApiProperty({ type: [AdminUnitRefDto] }) children: AdminUnitRefDto[];
}
