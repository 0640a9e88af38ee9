import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

export class TemplateSheetIssueDto {
  @ApiProperty({ example: 'Chỉ tiêu', description: 'Trang tính có lỗi' }) sheet: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Dòng trong trang tính (như Excel đánh số); null: cả trang' }) row: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Mã chỉ tiêu hoặc mã quy tắc' }) code: string | null;
  @ApiProperty({ example: 'parent' }) field: string;
  @ApiProperty({ example: 'Trang "Chỉ tiêu", dòng 14 (mã 1.2.1): chỉ tiêu cha "9.9" không có trong biểu mẫu.' }) vi: string;
  @ApiProperty() en: string;
}

export class TemplateUploadResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'Không có lỗi (và phiên bản chưa có)' }) ok: boolean;
  @ApiProperty({ description: 'Đã tạo bản nháp' }) created: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2026.1' }) version: string | null;
  @ApiProperty({ description: 'Số dòng chỉ tiêu đọc được' }) rows: number;
  @ApiProperty({ description: 'Số quy tắc kiểm tra đọc được' }) rules: number;
  @ApiProperty({ type: [TemplateSheetIssueDto] }) issues: TemplateSheetIssueDto[];
}

export class TemplateUploadQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: chỉ kiểm tra, không ghi gì' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ example: '2026.1', description: 'Mã phiên bản mới (thay ô "Phiên bản" trong tệp)' })
  @IsOptional()
  @IsString()
  version?: string;
}
