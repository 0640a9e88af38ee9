import * as fs from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { TreeId, TREES } from '../units/unit-trees';
import { LineageUnmatched } from './entities/lineage-unmatched.entity';
import { UnitLineage } from './entities/unit-lineage.entity';

/** The shape of data/reference/vn-admin-lineage-2025.json. */
export interface LineageFile {
  source?: string;
  communes: Array<{ old: string; oldName: string; oldDistrict?: string; new: string[]; split: boolean; shares?: Array<number | null>; via?: string }>;
  unmatched: {
    old: Array<{ old: string; oldName: string; reason: string; hintSameCodeNew?: string; hintUnclaimedVietMapSameDistrict?: string }>;
    new: Array<{ new: string; name: string; note: string }>;
  };
}

export interface DiffCount {
  total: number;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export interface LineageLoadResult {
  source: string;
  edges: DiffCount;
  unmatched: DiffCount;
  /** Edges or unmatched entries naming a unit absent from the loaded trees (e.g. a partial test tree). */
  skipped: number;
}

type EdgeRow = Omit<UnitLineage, 'id'>;
type UnmatchedRow = Omit<LineageUnmatched, 'id'>;

const edgeKey = (e: EdgeRow) => `${e.oldCode}@${e.oldValidFrom}>${e.newCode}@${e.newValidFrom}`;
const unmatchedKey = (u: UnmatchedRow) => `${u.side}:${u.code}@${u.validFrom}`;

/**
 * Loads the 2025 merger lineage (old 2024-tree commune → new 2025-tree commune) after both trees.
 * The file is the truth for the pair of trees it links: a reload inserts, updates and deletes only what
 * differs, so loading twice changes nothing.
 */
@Injectable()
export class LineageLoaderService {
  private readonly logger = new Logger('LineageLoader');

  constructor(private readonly dataSource: DataSource) {}

  async loadFile(file: string): Promise<LineageLoadResult> {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as LineageFile;
    return { ...(await this.load(json)), source: json.source ?? file };
  }

  async load(data: LineageFile): Promise<Omit<LineageLoadResult, 'source'>> {
    const started = Date.now();
    const from = TREES['2024'];
    const to = TREES['2025'];
    return this.dataSource.transaction(async (em) => {
      const codesOf = async (tree: TreeId) =>
        new Set((await em.getRepository(AdminUnit).find({ where: { tree }, select: { code: true } })).map((u) => u.code));
      const oldCodes = await codesOf(from.id);
      const newCodes = await codesOf(to.id);
      let skipped = 0;

      const edges: EdgeRow[] = [];
      for (const c of data.communes) {
        if (!oldCodes.has(c.old) || c.new.some((n) => !newCodes.has(n))) {
          skipped++;
          continue;
        }
        c.new.forEach((n, i) => {
          const share = c.split ? (c.shares?.[i] ?? null) : 1;
          edges.push({ oldCode: c.old, oldValidFrom: from.validFrom, newCode: n, newValidFrom: to.validFrom, split: c.split, share, via: c.via ?? null });
        });
      }
      const unmatched: UnmatchedRow[] = [];
      for (const u of data.unmatched.old) {
        if (!oldCodes.has(u.old)) {
          skipped++;
          continue;
        }
        const hints = [u.hintSameCodeNew && `same code in 2025: ${u.hintSameCodeNew}`, u.hintUnclaimedVietMapSameDistrict && `unclaimed VietMap units in the district: ${u.hintUnclaimedVietMapSameDistrict}`].filter(Boolean);
        unmatched.push({ side: 'old', code: u.old, validFrom: from.validFrom, name: u.oldName, reason: u.reason, hint: hints.length ? hints.join(' | ') : null });
      }
      for (const u of data.unmatched.new) {
        if (!newCodes.has(u.new)) {
          skipped++;
          continue;
        }
        unmatched.push({ side: 'new', code: u.new, validFrom: to.validFrom, name: u.name, reason: u.note, hint: null });
      }

      const scopeEdges = { oldValidFrom: from.validFrom, newValidFrom: to.validFrom };
      const edgeDiff = await this.sync(em, UnitLineage, edges, edgeKey, scopeEdges, (a, b) => a.split !== b.split || a.share !== b.share || a.via !== b.via);
      const unmatchedDiff = await this.sync(
        em,
        LineageUnmatched,
        unmatched,
        unmatchedKey,
        [{ side: 'old', validFrom: from.validFrom }, { side: 'new', validFrom: to.validFrom }],
        (a, b) => a.name !== b.name || a.reason !== b.reason || a.hint !== b.hint,
      );
      this.logger.log(
        `lineage: edges ${edgeDiff.inserted}+ ${edgeDiff.updated}~ ${edgeDiff.deleted}-, unmatched ${unmatchedDiff.inserted}+ ${unmatchedDiff.updated}~ ${unmatchedDiff.deleted}-, ${skipped} skipped, in ${Date.now() - started} ms`,
      );
      return { edges: edgeDiff, unmatched: unmatchedDiff, skipped };
    });
  }

  private async sync<E extends { id: number }>(
    em: EntityManager,
    entity: new () => E,
    rows: Array<Omit<E, 'id'>>,
    keyOf: (r: Omit<E, 'id'>) => string,
    scope: object | object[],
    differs: (cur: E, next: Omit<E, 'id'>) => boolean,
  ): Promise<DiffCount> {
    const repo = em.getRepository(entity);
    const existing = new Map((await repo.find({ where: scope as never })).map((e) => [keyOf(e), e]));
    const toInsert: Array<Omit<E, 'id'>> = [];
    const toUpdate: E[] = [];
    for (const r of rows) {
      const cur = existing.get(keyOf(r));
      existing.delete(keyOf(r));
      if (!cur) toInsert.push(r);
      else if (differs(cur, r)) toUpdate.push(Object.assign(cur, r));
    }
    // 8 columns × 1000 rows stays under SQLite's bound-parameter cap.
    for (let i = 0; i < toInsert.length; i += 1000) {
      await repo.createQueryBuilder().insert().into(entity).values(toInsert.slice(i, i + 1000) as never).execute();
    }
    for (const u of toUpdate) await repo.save(u);
    const stale = [...existing.values()].map((e) => e.id);
    for (let i = 0; i < stale.length; i += 1000) await repo.delete(stale.slice(i, i + 1000));
    return {
      total: rows.length,
      inserted: toInsert.length,
      updated: toUpdate.length,
      deleted: stale.length,
      unchanged: rows.length - toInsert.length - toUpdate.length,
    };
  }
}
