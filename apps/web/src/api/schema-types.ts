import type { components } from './generated/schema';

/**
 * Short names for the API's shapes. Every one is taken from the schema that `npm run api:generate`
 * writes from the API's OpenAPI document, so a changed DTO shows up here as a type error.
 */
type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type UnitLevel = Schemas['UnitLevel'];
export type ReportStatus = Schemas['ReportStatus'];
export type SubmissionStatus = Schemas['SubmissionStatus'];
export type Timeliness = Schemas['Timeliness'];

/** Login answers the session user; /auth/me adds the unit's level. */
export type AuthUser = Schemas['SessionUserDto'] & Partial<Pick<Schemas['MeResponseDto'], 'unitLevel'>>;
export type LoginResponse = Schemas['LoginResponseDto'];
export type UnitRef = Schemas['AdminUnitRefDto'];
export type UnitDetail = Schemas['UnitDetailResponseDto'];
export type Period = Schemas['PeriodResponseDto'];
export type UpdatePeriodBody = Schemas['UpdatePeriodDto'];

export type ReportResponse = Schemas['ReportResponseDto'];
/** A report that exists (GET answers status null for "none yet"; the client turns that into null). */
export type Report = Omit<ReportResponse, 'status'> & { status: ReportStatus };
export type Narrative = Schemas['ReportNarrativeDto'];
export type NarrativeKey = keyof Narrative;
export type ReportComment = Schemas['ReportCommentDto'];
export type SaveReportBody = Schemas['SaveReportDto'];
export type ReturnReportBody = Schemas['ReturnReportDto'];
export type HistoryEntry = Schemas['HistoryEntryDto'];
export type ReportDiff = Schemas['ReportDiffResponseDto'];
export type DiffEntry = Schemas['ValueChangeDto'];

export type SubmissionsOverview = Schemas['CommuneSubmissionsResponseDto'] | Schemas['DistrictSubmissionsResponseDto'];
export type SubmissionRow = Schemas['CommuneSubmissionDto'];
export type SubmissionGroup = Schemas['GroupSubmissionDto'];
export type SubmissionCounts = Schemas['SubmissionCountsDto'];

export type Summary = Schemas['SummaryResponseDto'];
export type RollupFailure = Schemas['RollupFailureDto'];
export type Coverage = Schemas['CoverageDto'];
export type SummaryIndicator = Schemas['SummaryIndicatorDto'];
export type IndicatorFigures = Schemas['IndicatorSummaryDto'];
export type SummaryComparison = Schemas['SummaryComparisonResponseDto'];
export type ComparisonIndicator = Schemas['ComparisonIndicatorDto'];
/** An old period on today's unit (?tree=current): a summary plus where its figures came from. */
export type HistorySummary = Schemas['HistorySummaryResponseDto'] & { history: Schemas['HistoryBlockDto'] };

export type Ranking = Schemas['RankingResponseDto'];
export type RankingRow = Schemas['RankingRowDto'];
export type RankingBreakdown = Schemas['BreakdownResponseDto'];

export type AdminUser = Schemas['UserResponseDto'];
export type CreateUserBody = Schemas['CreateUserDto'];
export type UpdateUserBody = Schemas['UpdateUserDto'];

export type ApiErrorBody = Schemas['ApiErrorResponseDto'];

export type Notice = Schemas['NoticeDto'];
export type NoticePreferences = Schemas['NoticePreferencesDto'];
export type ReminderTally = Schemas['ReminderTallyDto'];
export type NudgeResult = Schemas['NudgeResultDto'];
export type ReportQuality = Schemas['ReportQualityDto'];
export type OutlierWarning = Schemas['OutlierWarningDto'];
export type NarrativeWarning = Schemas['NarrativeWarningDto'];
