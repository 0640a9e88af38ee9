import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One problem of an import file, located the way a spreadsheet user looks for it. */
export class ImportProblemDto {
  @ApiProperty({ description: 'Số dòng trong tệp (từ 1)' })
  row: number;

  @ApiPropertyOptional({ description: 'Cột (A, B, …), nếu lỗi thuộc một ô' })
  column?: string;

  @ApiPropertyOptional()
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Mã chỉ tiêu của cột' })
  indicatorCode?: string;

  @ApiProperty()
  message: string;

  @ApiProperty()
  messageEn: string;
}

export class ImportResultDto {
  @ApiProperty()
  dryRun: boolean;

  @ApiProperty({ description: 'true khi tệp không có lỗi (và, nếu không phải chạy thử, đã được ghi)' })
  ok: boolean;

  @ApiProperty({ enum: ['csv', 'xlsx'] })
  format: 'csv' | 'xlsx';

  @ApiProperty({ description: 'Số đơn vị (dòng dữ liệu) trong tệp' })
  units: number;

  @ApiProperty({ description: 'Báo cáo nháp sẽ được tạo / đã tạo' })
  reportsCreated: number;

  @ApiProperty({ description: 'Báo cáo nháp có số liệu thay đổi' })
  reportsUpdated: number;

  @ApiProperty({ description: 'Số ô số liệu thay đổi' })
  valuesChanged: number;

  @ApiProperty({ description: 'Tổng số lỗi của tệp (danh sách errors chỉ nêu 200 lỗi đầu tiên)' })
  errorCount: number;

  @ApiProperty({ type: [ImportProblemDto], description: 'Tối đa 200 lỗi đầu tiên, theo thứ tự dòng' })
  errors: ImportProblemDto[];
}
