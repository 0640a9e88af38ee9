import * as fs from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitLevel } from '@cchc/shared';
import { AdminUnit } from './entities/admin-unit.entity';

interface RawUnit {
  code: string;
  name: string;
  districts?: RawUnit[];
  communes?: RawUnit[];
}

export interface LoadResult {
  source: string;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

type Row = Omit<AdminUnit, 'id'>;

/**
 * Loads an official unit tree (province → district → commune, or province → commune since 2025)
 * from the reference JSON. Idempotent: a second load changes nothing. Fast: one read of what is
 * there, then batched inserts and updates of only what differs.
 */
@Injectable()
export class UnitsLoaderService {
  private readonly logger = new Logger('UnitsLoader');

  constructor(private readonly dataSource: DataSource) {}

  static flatten(tree: { provinces: RawUnit[] }): Row[] {
    const rows: Row[] = [];
    const walk = (u: RawUnit, parent: Row | null) => {
      const kids = u.districts ?? u.communes ?? [];
      const depth = parent ? parent.depth + 1 : 1;
      // Depth is data: a province is the root, a leaf is a commune, whatever lies between is a district.
      const level: UnitLevel = depth === 1 ? 'province' : kids.length > 0 || u.communes ? 'district' : 'commune';
      const row: Row = {
        code: u.code,
        name: u.name,
        level,
        parentCode: parent?.code ?? null,
        path: `${parent?.path ?? '/'}${u.code}/`,
        depth,
      };
      rows.push(row);
      for (const k of kids) walk(k, row);
    };
    for (const p of tree.provinces) walk(p, null);
    return rows;
  }

  /** Loads the tree only into an empty table (first start, or `seed-demo` on a fresh database). */
  async loadIfEmpty(file: string): Promise<LoadResult | null> {
    if ((await this.dataSource.getRepository(AdminUnit).count()) > 0) return null;
    this.logger.log(`empty unit table: loading ${file}`);
    return this.loadFile(file);
  }

  async loadFile(file: string): Promise<LoadResult> {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { source?: string; provinces: RawUnit[] };
    const result = await this.load(UnitsLoaderService.flatten(json));
    return { ...result, source: json.source ?? file };
  }

  async load(rows: Row[]): Promise<Omit<LoadResult, 'source'>> {
    const started = Date.now();
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(AdminUnit);
      const existing = new Map((await repo.find()).map((u) => [u.code, u]));
      const toInsert: Row[] = [];
      const toUpdate: AdminUnit[] = [];
      for (const r of rows) {
        const cur = existing.get(r.code);
        if (!cur) toInsert.push(r);
        else if (cur.name !== r.name || cur.level !== r.level || cur.parentCode !== r.parentCode || cur.path !== r.path || cur.depth !== r.depth) {
          toUpdate.push(Object.assign(cur, r));
        }
      }
      // SQLite caps bound parameters (32766); 6 columns × 1000 rows stays well under it.
      for (let i = 0; i < toInsert.length; i += 1000) {
        await repo.createQueryBuilder().insert().into(AdminUnit).values(toInsert.slice(i, i + 1000)).execute();
      }
      for (const u of toUpdate) await repo.save(u);
      const res = {
        total: rows.length,
        inserted: toInsert.length,
        updated: toUpdate.length,
        unchanged: rows.length - toInsert.length - toUpdate.length,
      };
      this.logger.log(`units: ${res.inserted} inserted, ${res.updated} updated, ${res.unchanged} unchanged in ${Date.now() - started} ms`);
      return res;
    });
  }
}
