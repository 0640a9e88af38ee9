import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { UnitValidityLineage1764500000000 } from './1764500000000-unit-validity-lineage';
import { AuthSecurity1764650000000 } from './1764650000000-auth-security';
import { ReportDocument1764900000000 } from './1764900000000-report-document';
import { UnitScores1765000000000 } from './1765000000000-unit-scores';
import { UserRoles1765100000000 } from './1765100000000-user-roles';
import { UnitLevelPathIndex1765200000000 } from './1765200000000-unit-level-path-index';
import { RollupFailedAt1765300000000 } from './1765300000000-rollup-failed-at';
import { UsernameNormalForm1765400000000 } from './1765400000000-username-normal-form';
import { IdempotencyKeys1765400000001 } from './1765400000001-idempotency-keys';
import { TemplateVersions1765500000000 } from './1765500000000-template-versions';
import { ScoringSchemes1765510000000 } from './1765510000000-scoring-schemes';
import { ParRounds1765600000000 } from './1765600000000-par-rounds';
import { Notices1765700000000 } from './1765700000000-notices';
import { RescoreAfterUpgrade1765800000000 } from './1765800000000-rescore-after-upgrade';
import { ParAdjustmentDocuments1765850000000 } from './1765850000000-par-adjustment-documents';
import { RollupDirtySince1765900000000 } from './1765900000000-rollup-dirty-since';

/** Every migration, in order. Listed by hand: no glob loading. */
export const MIGRATIONS = [
  InitialSchema1764400000000,
  UnitValidityLineage1764500000000,
  AuthSecurity1764650000000,
  ReportDocument1764900000000,
  UnitScores1765000000000,
  UserRoles1765100000000,
  UnitLevelPathIndex1765200000000,
  RollupFailedAt1765300000000,
  UsernameNormalForm1765400000000,
  IdempotencyKeys1765400000001,
  TemplateVersions1765500000000,
  ScoringSchemes1765510000000,
  ParRounds1765600000000,
  Notices1765700000000,
  RescoreAfterUpgrade1765800000000,
  ParAdjustmentDocuments1765850000000,
  RollupDirtySince1765900000000,
];
