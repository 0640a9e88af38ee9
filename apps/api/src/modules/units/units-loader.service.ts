import * as fs from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { UnitLevel } from '@cchc/shared';
import { AdminUnit } from './entities/admin-unit.entity';
import { UnitsService } from './units.service';
import { TreeSpec, treeOfShape } from './unit-trees';

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

const key = (u: Pick<AdminUnit, 'code' | 'validFrom'>) => `${u.code}@${u.validFrom}`;

/**
 * Loads official unit trees (province → district → commune until 30 June 2025, province → commune since)
 * from the reference JSON. Each tree keeps its own rows, dated by its validity, so both can be loaded
 * into one database. Idempotent: a second load changes nothing. Fast: one read of what is there, then
 * batched inserts and updates of only what differs.
 */
@Injectable()
export class UnitsLoaderService {
  private readonly logger = new Logger('UnitsLoader');

  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
  ) {}

  /** The rows of one tree file; the tree (and so the validity) follows from its shape unless given. */
  static flatten(tree: { provinces: RawUnit[] }, spec: TreeSpec = treeOfShape(tree.provinces.some((p) => p.districts !== undefined))): Row[] {
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
        tree: spec.id,
        validFrom: spec.validFrom,
        validTo: spec.validTo,
      };
      rows.push(row);
      for (const k of kids) walk(k, row);
    };
    for (const p of tree.provinces) walk(p, null);
    return rows;
  }

  /** Loads the tree only into an empty table (first start, or `seed-demo` on a fresh database). */
  async loadIfEmpty(file: string): Promise<LoadResult | null> {
    return (await this.loadTreesIfEmpty([file]))?.[0] ?? null;
  }

  /** Loads several trees (e.g. 2024 and 2025) only into an empty table. */
  async loadTreesIfEmpty(files: string[]): Promise<LoadResult[] | null> {
    if ((await this.dataSource.getRepository(AdminUnit).count()) > 0) return null;
    this.logger.log(`empty unit table: loading ${files.join(', ')}`);
    return this.loadFiles(files);
  }

  async loadFiles(files: string[]): Promise<LoadResult[]> {
    const out: LoadResult[] = [];
    for (const f of files) out.push(await this.loadFile(f));
    return out;
  }

  async loadFile(file: string): Promise<LoadResult> {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { source?: string; provinces: RawUnit[] };
    const result = await this.load(UnitsLoaderService.flatten(json));
    return { ...result, source: json.source ?? file };
  }

  async load(rows: Row[]): Promise<Omit<LoadResult, 'source'>> {
    const started = Date.now();
    // Forgotten after the commit (and after a failure, which may have left nothing changed: harmless).
    try {
      return await this.loadRows(rows, started);
    } finally {
      this.units.forget();
    }
  }

  private loadRows(rows: Row[], started: number): Promise<Omit<LoadResult, 'source'>> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(AdminUnit);
      const trees = [...new Set(rows.map((r) => r.tree))];
      // Only the trees being loaded are compared: loading one never touches the other.
      const existing = new Map((trees.length ? await repo.find({ where: { tree: In(trees) } }) : []).map((u) => [key(u), u]));
      const toInsert: Row[] = [];
      const toUpdate: AdminUnit[] = [];
      for (const r of rows) {
        const cur = existing.get(key(r));
        if (!cur) toInsert.push(r);
        else if (
          cur.name !== r.name ||
          cur.level !== r.level ||
          cur.parentCode !== r.parentCode ||
          cur.path !== r.path ||
          cur.depth !== r.depth ||
          cur.tree !== r.tree ||
          cur.validTo !== r.validTo
        ) {
          toUpdate.push(Object.assign(cur, r));
        }
      }
      // SQLite caps bound parameters (32766); 9 columns × 1000 rows stays well under it.
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
      this.logger.log(`units (${trees.join('+')}): ${res.inserted} inserted, ${res.updated} updated, ${res.unchanged} unchanged in ${Date.now() - started} ms`);
      return res;
    });
  }
}
