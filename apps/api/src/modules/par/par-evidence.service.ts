import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { mayFillParSheet, parRows, stageOpen, type ParStage } from '@cchc/shared';
import { Repository } from 'typeorm';
import { ApiError, badRequest, conflict, notFound } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ParEvidenceResponseDto } from './dto/par-sheet.dto';
import { ParEvidence } from './entities/par-evidence.entity';
import { ParScoreAudit } from './entities/par-score-audit.entity';
import { ParSheetRow } from './entities/par-sheet-row.entity';
import { checkEvidenceName, EVIDENCE_MIME, extensionFits, sniffEvidence } from './evidence/evidence-file';
import { EVIDENCE_STORE, EvidenceStore } from './evidence/evidence-store';
import { readLimited } from './par-http';
import { ParRoundsService } from './par-rounds.service';
import { ParSheetsService } from './par-sheets.service';

/** Evidence files: checked by content, stored by hash, handed out only to those who may read the sheet. */
@Injectable()
export class ParEvidenceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    @InjectRepository(ParEvidence) private readonly evidence: Repository<ParEvidence>,
    private readonly sheets: ParSheetsService,
    private readonly rounds: ParRoundsService,
  ) {}

  get maxBytes(): number {
    return this.config.parEvidence.maxBytes;
  }

  /**
   * The commune's own officer adds a file to one row: during self-assessment (sheet not submitted) or,
   * for a row asked to be explained, during the explanation window. Everything is checked before
   * anything is stored.
   */
  async upload(user: AuthUser, roundId: string, unitCode: string, q: { row?: string; name?: string }, body: unknown, declared?: number): Promise<ParEvidenceResponseDto> {
    const { round, sheet, set } = await this.sheets.load(user, roundId, unitCode);
    if (!mayFillParSheet(user, sheet.unitCode)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Chỉ cán bộ của chính xã được nộp tài liệu kiểm chứng.', "Only the commune's own officers upload evidence.");
    }
    const name = checkEvidenceName(q.name);
    if (!name.ok) throw badRequest('name', name.vi, name.en);
    const def = parRows(set).find((r) => r.code === q.row);
    if (!def) throw badRequest('row', `Không có tiêu chí thành phần "${q.row ?? ''}".`, `No sub-criterion "${q.row ?? ''}".`);
    const d = this.rounds.deadlinesOf(round);
    const now = new Date();
    const locked = this.rounds.lockedOf(round);
    const published = round.publishedAt !== null;
    let stage: ParStage;
    if (stageOpen('self_assessment', d, now, locked, published)) {
      if (sheet.status !== 'draft') throw conflict('par_sheet_submitted', 'Phiếu đã nộp: chỉ bổ sung tài liệu khi được yêu cầu giải trình.', 'Submitted: add files only when asked to explain.');
      stage = 'self_assessment';
    } else if (stageOpen('explanation', d, now, locked, published)) {
      const row = await this.evidence.manager.getRepository(ParSheetRow).findOne({ where: { sheetId: sheet.id, code: def.code } });
      if (!row?.explainRequested) throw conflict('par_not_asked', `Tiêu chí ${def.code} không được yêu cầu giải trình.`, `${def.code} was not asked to be explained.`);
      stage = 'explanation';
    } else {
      this.rounds.assertOpen(round, now < new Date(d.self_assessment) ? 'self_assessment' : 'explanation', now);
      throw conflict('par_stage_closed', 'Không trong thời hạn nộp tài liệu.', 'Not within an upload window.');
    }
    const bytes = await readLimited(body, this.maxBytes, declared);
    if (bytes.length === 0) throw badRequest('file', 'Tệp rỗng.', 'The file is empty.');
    const kind = sniffEvidence(bytes);
    if (!kind) {
      throw badRequest('file', 'Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên).', 'Only PDF, DOCX, XLSX, JPG or PNG (checked by content).');
    }
    if (!extensionFits(kind, name.extension)) {
      throw badRequest('name', `Nội dung tệp là ${kind.toUpperCase()} nhưng tên tệp có đuôi .${name.extension}.`, `The content is ${kind} but the name ends in .${name.extension}.`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.store.put(sha256, bytes);
    const at = new Date();
    const row = await this.evidence.manager.transaction(async (em) => {
      const saved = await em.getRepository(ParEvidence).save(
        em.getRepository(ParEvidence).create({ roundId: round.id, unitCode: sheet.unitCode, rowCode: def.code, stage, sha256, size: bytes.length, mime: EVIDENCE_MIME[kind], fileName: name.name, uploadedBy: user.username, uploadedAt: at }),
      );
      await em.getRepository(ParScoreAudit).insert({ roundId: round.id, unitCode: sheet.unitCode, rowCode: def.code, field: 'evidence', stage, actor: user.username, before: null, after: `${name.name} (${sha256.slice(0, 12)})`, at });
      return saved;
    });
    return { id: row.id, rowCode: row.rowCode, fileName: row.fileName, mime: row.mime, size: row.size, stage: row.stage, uploadedBy: row.uploadedBy, uploadedAt: row.uploadedAt.toISOString() };
  }

  /** The file, if the caller may read its sheet; 404 for an id of another sheet. */
  async download(user: AuthUser, roundId: string, unitCode: string, id: string): Promise<{ meta: ParEvidence; bytes: Buffer }> {
    const { round, sheet } = await this.sheets.load(user, roundId, unitCode);
    const meta = /^\d{1,9}$/.test(id) ? await this.evidence.findOne({ where: { id: Number(id), roundId: round.id, unitCode: sheet.unitCode } }) : null;
    if (!meta) throw notFound(`Không có tài liệu kiểm chứng số ${id} của phiếu này.`, `No evidence ${id} on this sheet.`, 'id');
    const bytes = await this.store.get(meta.sha256);
    if (!bytes) throw notFound('Tệp không còn trong kho lưu trữ.', 'The file is missing from the store.', 'id');
    return { meta, bytes };
  }
}
