import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { ParAdjustment } from './entities/par-adjustment.entity';
import { ParCriteriaSetRow } from './entities/par-criteria-set.entity';
import { ParEvidence } from './entities/par-evidence.entity';
import { ParRound } from './entities/par-round.entity';
import { ParScoreAudit } from './entities/par-score-audit.entity';
import { ParSheetRow } from './entities/par-sheet-row.entity';
import { ParSheet } from './entities/par-sheet.entity';
import { EVIDENCE_STORE, EvidenceStore } from './evidence/evidence-store';
import { LocalEvidenceStore } from './evidence/local-evidence.store';
import { S3EvidenceStore } from './evidence/s3-evidence.store';
import { ParDeadlineProcessor } from './jobs/par-deadline.processor';
import { ParCriteriaSetsService } from './par-criteria-sets.service';
import { ParDocumentsService } from './par-documents.service';
import { ParEvidenceService } from './par-evidence.service';
import { ParResultsService } from './par-results.service';
import { ParRoundsService } from './par-rounds.service';
import { ParSheetsService } from './par-sheets.service';
import { ParSurveyService } from './par-survey.service';

/**
 * The PAR Index round (Chỉ số CCHC): criteria sets, rounds and their stage locks, sheets, evidence, results.
 * Services and the deadline job; the routes are ParHttpModule's, so a worker loads this without them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ParCriteriaSetRow, ParRound, ParSheet, ParSheetRow, ParEvidence, ParAdjustment, ParScoreAudit]), UnitsModule, ReportsModule],
  providers: [
    ParCriteriaSetsService,
    ParRoundsService,
    ParSheetsService,
    ParEvidenceService,
    ParResultsService,
    ParSurveyService,
    ParDocumentsService,
    ParDeadlineProcessor,
    {
      provide: EVIDENCE_STORE,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): EvidenceStore => (c.parEvidence.driver === 's3' ? new S3EvidenceStore(c.parEvidence) : new LocalEvidenceStore(c.parEvidence.dir)),
    },
  ],
  exports: [ParCriteriaSetsService, ParRoundsService, ParSheetsService, ParResultsService, ParEvidenceService, ParSurveyService, ParDocumentsService, EVIDENCE_STORE],
})
export class ParModule {}
