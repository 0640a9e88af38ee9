import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiPropertyOptions,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiErrorResponseDto } from './api-error-response.dto';
import { ROLES } from '@cchc/shared';

/**
 * Named enums of the OpenAPI document: one schema each (enumName), so the generated web client
 * gets `components['schemas']['ReportStatus']` instead of a copy per property.
 */
export const UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export const SUBMISSION_STATUSES = ['missing', ...REPORT_STATUSES] as const;
export const TIMELINESS = ['on_time', 'late', 'missing', 'not_due'] as const;
export const ROLE_VALUES = ROLES;

export const UnitLevelProp = (o: ApiPropertyOptions = {}) => ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel', ...o });
export const RoleProp = (o: ApiPropertyOptions = {}) => ApiProperty({ enum: ROLE_VALUES, enumName: 'Role', ...o });

/** A Date the service returns: JSON carries it as an ISO string. */
export const DateTimeProp = (o: ApiPropertyOptions = {}) => ApiProperty({ type: String, format: 'date-time', ...o });
export const NullableDateTimeProp = (o: ApiPropertyOptions = {}) => DateTimeProp({ nullable: true, ...o });
export const NullableStringProp = (o: ApiPropertyOptions = {}) => ApiProperty({ type: String, nullable: true, ...o });
export const NullableNumberProp = (o: ApiPropertyOptions = {}) => ApiProperty({ type: Number, nullable: true, ...o });

/** `Record<string, T>` by code. */
export const recordOf = (schema: SchemaObject): ApiPropertyOptions => ({ type: 'object', additionalProperties: schema });

/** The refusals every authenticated route can answer, all with the one error body. */
export const ApiCommonErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ApiErrorResponseDto, description: 'Bad input: `field` names it, nothing changed' }),
    ApiUnauthorizedResponse({ type: ApiErrorResponseDto, description: 'No or expired token' }),
    ApiForbiddenResponse({ type: ApiErrorResponseDto, description: 'Role or unit not allowed' }),
    ApiNotFoundResponse({ type: ApiErrorResponseDto, description: 'Unknown unit, period or resource' }),
  );
