import { ApiProperty } from '@nestjs/swagger';
import { BOARD_CARDS } from '@cchc/shared';
import { NullableDateTimeProp, NullableStringProp, SUBMISSION_STATUSES, TIMELINESS, UnitLevelProp } from '../../../openapi/api-schema';

const StatusProp = () => ApiProperty({ enum: SUBMISSION_STATUSES, enumName: 'SubmissionStatus' });
const TimelinessProp = () =>
  ApiProperty({ enum: TIMELINESS, enumName: 'Timeliness', description: 'on_time / late: judged on the first submission; missing: past the deadline; not_due' });

export class StatusCountsDto {
  @ApiProperty() missing: number;
  @ApiProperty() draft: number;
  @ApiProperty() submitted: number;
  @ApiProperty() returned: number;
  @ApiProperty() approved: number;
}

export class TimelinessCountsDto {
  @ApiProperty() on_time: number;
  @ApiProperty() late: number;
  @ApiProperty() missing: number;
  @ApiProperty() not_due: number;
}

/** The board's cards: every commune on exactly one, so they add up to `expected`. */
export class CardCountsDto {
  @ApiProperty() not_started: number;
  @ApiProperty() drafting: number;
  @ApiProperty() submitted: number;
  @ApiProperty() returned: number;
  @ApiProperty() approved: number;
}

export class SubmissionCountsDto {
  @ApiProperty({ description: 'Communes counted' }) expected: number;
  @ApiProperty({ type: StatusCountsDto }) byStatus: StatusCountsDto;
  @ApiProperty({ type: TimelinessCountsDto }) byTimeliness: TimelinessCountsDto;
  @ApiProperty({ type: CardCountsDto }) cards: CardCountsDto;
}

/** One commune's line. */
export class CommuneSubmissionDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @UnitLevelProp() level: string;
  @NullableStringProp() parentCode: string | null;
  @StatusProp() status: string;
  @ApiProperty() version: number;
  @NullableDateTimeProp() submittedAt: Date | null;
  @NullableDateTimeProp() firstSubmittedAt: Date | null;
  @NullableDateTimeProp() approvedAt: Date | null;
  @TimelinessProp() timeliness: string;
  @ApiProperty({ enum: BOARD_CARDS, enumName: 'BoardCard', description: 'The board card the commune is on (a draft is drafting, not not_started)' }) card: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Vietnam days the first submission came after the deadline (0 on time, null never submitted)' }) daysLate: number | null;
  @ApiProperty({ description: 'Submitted again after a return' }) resubmitted: boolean;
  @NullableDateTimeProp() lastSubmittedAt: Date | null;
  @NullableDateTimeProp() lastChange: Date | null;
  @NullableStringProp() lastChangeBy: string | null;
}

/** A district's line on a province board: counts over its communes, and the district's own report. */
export class GroupSubmissionDto extends SubmissionCountsDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @UnitLevelProp() level: string;
  @NullableDateTimeProp() lastChange: Date | null;
  @ApiProperty({ enum: SUBMISSION_STATUSES, enumName: 'SubmissionStatus', description: "The district's own report, which the province reviews and may remind it of (\"Nhắc nộp\")" })
  ownStatus: string;
}

class SubmissionsBaseDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @UnitLevelProp() level: string;
  @ApiProperty() period: string;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty() pastDeadline: boolean;
  @ApiProperty({ type: SubmissionCountsDto }) totals: SubmissionCountsDto;
}

export class CommuneSubmissionsResponseDto extends SubmissionsBaseDto {
  @ApiProperty({ enum: ['commune'] }) rowsLevel: 'commune';
  @ApiProperty({ type: [CommuneSubmissionDto] }) rows: CommuneSubmissionDto[];
}

export class DistrictSubmissionsResponseDto extends SubmissionsBaseDto {
  @ApiProperty({ enum: ['district'] }) rowsLevel: 'district';
  @ApiProperty({ type: [GroupSubmissionDto] }) rows: GroupSubmissionDto[];
}
