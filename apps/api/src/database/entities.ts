import { AdminUnit } from '../modules/units/entities/admin-unit.entity';
import { Period } from '../modules/periods/entities/period.entity';
import { User } from '../modules/users/entities/user.entity';
import { Report } from '../modules/reports/entities/report.entity';
import { ReportValue } from '../modules/reports/entities/report-value.entity';
import { ReportComment } from '../modules/reports/entities/report-comment.entity';
import { ReportSnapshot } from '../modules/reports/entities/report-snapshot.entity';
import { AuditEntry } from '../modules/audit/entities/audit-entry.entity';
import { AuthEvent } from '../modules/audit/entities/auth-event.entity';
import { RevokedToken } from '../modules/auth/entities/revoked-token.entity';
import { Summary } from '../modules/rollups/entities/summary.entity';
import { SummaryCoverage } from '../modules/rollups/entities/summary-coverage.entity';
import { RollupState } from '../modules/rollups/entities/rollup-state.entity';
import { UnitScoreRow } from '../modules/rollups/entities/unit-score.entity';
import { UnitLineage } from '../modules/lineage/entities/unit-lineage.entity';
import { TemplateVersionRow } from '../modules/templates/entities/template-version.entity';
import { ScoringSchemeRow } from '../modules/templates/entities/scoring-scheme.entity';
import { LineageUnmatched } from '../modules/lineage/entities/lineage-unmatched.entity';
import { Notice } from '../modules/notices/entities/notice.entity';
import { Reminder } from '../modules/notices/entities/reminder.entity';
import { IdempotencyKey } from '../modules/idempotency/entities/idempotency-key.entity';
import { ParCriteriaSetRow } from '../modules/par/entities/par-criteria-set.entity';
import { ParRound } from '../modules/par/entities/par-round.entity';
import { ParSheet } from '../modules/par/entities/par-sheet.entity';
import { ParSheetRow } from '../modules/par/entities/par-sheet-row.entity';
import { ParEvidence } from '../modules/par/entities/par-evidence.entity';
import { ParAdjustment } from '../modules/par/entities/par-adjustment.entity';
import { ParScoreAudit } from '../modules/par/entities/par-score-audit.entity';

/** Every entity, listed by hand: no glob loading. */
export const ENTITIES = [
  AdminUnit,
  Period,
  User,
  Report,
  ReportValue,
  ReportComment,
  ReportSnapshot,
  AuditEntry,
  AuthEvent,
  RevokedToken,
  Summary,
  SummaryCoverage,
  RollupState,
  UnitScoreRow,
  UnitLineage,
  LineageUnmatched,
  Notice,
  Reminder,
  IdempotencyKey,
  TemplateVersionRow,
  ScoringSchemeRow,
  ParCriteriaSetRow,
  ParRound,
  ParSheet,
  ParSheetRow,
  ParEvidence,
  ParAdjustment,
  ParScoreAudit,
];
