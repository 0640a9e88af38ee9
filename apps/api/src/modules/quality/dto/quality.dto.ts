import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NullableNumberProp, NullableStringProp } from '../../../openapi/api-schema';

class MessageDto {
  @ApiProperty() vi: string;
  @ApiProperty() en: string;
}

class HistoryPointDto {
  @ApiProperty() periodId: string;
  @ApiProperty() value: number;
}

class PeerPointDto {
  @ApiProperty() unitCode: string;
  @ApiPropertyOptional({ example: 'Xã Quảng Thái', description: "The sibling's name (this API always gives it)" }) unitName?: string;
  @ApiProperty() value: number;
}

export class OutlierWarningDto {
  @ApiProperty({ example: '1.1.3' }) code: string;
  @ApiProperty({ enum: ['history', 'peers', 'zero'], description: "against the unit's own history, its siblings, or a zero where it always had many" }) kind: string;
  @ApiProperty() value: number;
  @NullableNumberProp({ description: 'modified z-score (0.6745·(x − median)/MAD); null for the zero rule' }) score: number | null;
  @ApiProperty() median: number;
  @ApiProperty() mad: number;
  @ApiPropertyOptional({ type: [HistoryPointDto] }) history?: HistoryPointDto[];
  @ApiPropertyOptional({ type: [PeerPointDto] }) peers?: PeerPointDto[];
  @ApiProperty({ type: MessageDto }) message: MessageDto;
}

export class NarrativeWarningDto {
  @ApiProperty({ description: 'section (I–V) or note:<code>' }) where: string;
  @ApiProperty() sentence: string;
  @ApiProperty({ description: 'the appendix row the number was matched to' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'trên 63%' }) stated: string;
  @ApiProperty() actual: number;
  @ApiProperty({ type: MessageDto }) message: MessageDto;
}

export class ReportQualityDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty() periodId: string;
  @NullableStringProp() status: string | null;
  @ApiProperty({ type: [OutlierWarningDto] }) outliers: OutlierWarningDto[];
  @ApiProperty({ type: [NarrativeWarningDto] }) narrative: NarrativeWarningDto[];
}
