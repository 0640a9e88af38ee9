import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThanOrEqual, Repository } from 'typeorm';
import { relationOf } from '@cchc/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest, forbidden, notFound } from '../../common/api-error';
import { ExpiringCache } from '../../common/expiring-cache';
import { AdminUnit } from './entities/admin-unit.entity';
import { isIsoDate, todayInVietnam } from './unit-trees';

export interface UnitRef {
  code: string;
  name: string;
  level: AdminUnit['level'];
}

export interface UnitFamily {
  unit: AdminUnit;
  children: AdminUnit[];
}

/**
 * resolve's rule over the rows of several codes read with `validFrom <= date` (newest first): for each
 * code, the unit in force on the date, else the latest that started before it.
 */
function inForceByCode(rows: AdminUnit[], date: string): Map<string, AdminUnit> {
  const byCode = new Map<string, AdminUnit[]>();
  for (const u of rows) {
    const list = byCode.get(u.code);
    if (list) list.push(u);
    else byCode.set(u.code, [u]);
  }
  const out = new Map<string, AdminUnit>();
  for (const [code, mine] of byCode) out.set(code, mine.find((u) => u.validTo === null || u.validTo >= date) ?? mine[0]);
  return out;
}

/** Callers waiting for one read of their codes' units (UnitsService.resolveMiss). */
interface ResolveBatch {
  stamp: number;
  waiters: Map<string, Array<{ resolve: (unit: AdminUnit | null) => void; reject: (error: Error) => void }>>;
}

/**
 * A tree changes only when an administrator loads one: a load in this process forgets every cached
 * answer at once (`forget`), another process's load is seen within this TTL.
 */
const FAMILY_TTL_MS = 60_000;
const FAMILY_CACHE_MAX = 5000;

/**
 * Units are codes at a date: GSO reuses codes across trees. Every lookup by code resolves at a date
 * (today when none is given) and every walk (children, subtree, ancestors) stays in the tree of the unit
 * it starts from.
 */
@Injectable()
export class UnitsService {
  private readonly families = new ExpiringCache<UnitFamily>(FAMILY_TTL_MS, FAMILY_CACHE_MAX);
  private readonly familyReads = new Map<string, Promise<UnitFamily | null>>();
  private readonly communeCounts = new ExpiringCache<number>(FAMILY_TTL_MS, FAMILY_CACHE_MAX);
  private readonly resolved = new ExpiringCache<AdminUnit>(FAMILY_TTL_MS, FAMILY_CACHE_MAX);
  private readonly ancestorLists = new ExpiringCache<AdminUnit[]>(FAMILY_TTL_MS, FAMILY_CACHE_MAX);
  /** resolve's misses waiting for their read, by date (see resolveMiss). */
  private readonly resolveBatches = new Map<string, ResolveBatch>();

  constructor(@InjectRepository(AdminUnit) private readonly units: Repository<AdminUnit>) {}

  /**
   * The unit with this code valid on `atDate` (YYYY-MM-DD, default today); failing that, the latest one
   * that ended before it — so a database holding only the 2024 tree answers for 2025 and 2026 dates as
   * before. A date before the code's first validity finds nothing.
   */
  async resolve(code: string, atDate: string = todayInVietnam()): Promise<AdminUnit | null> {
    // Every authenticated read and save resolves its unit (often twice: today, then the period's end).
    const key = `${code}@${atDate}`;
    const hit = this.resolved.get(key);
    if (hit) return hit;
    return this.resolveMiss(code, atDate);
  }

  /**
   * The misses asked for in one synchronous burst (a batch's kicks, a list's rows) read in one query:
   * they join a batch that is read once the current code has run (a microtask, so no caller waits a turn).
   */
  private resolveMiss(code: string, atDate: string): Promise<AdminUnit | null> {
    let batch = this.resolveBatches.get(atDate);
    if (!batch) {
      const open: ResolveBatch = { stamp: this.resolved.stamp(), waiters: new Map() };
      this.resolveBatches.set(atDate, (batch = open));
      queueMicrotask(() => {
        this.resolveBatches.delete(atDate);
        void this.readResolveBatch(atDate, open);
      });
    }
    const waiters = batch.waiters;
    return new Promise((resolve, reject) => {
      const list = waiters.get(code) ?? [];
      list.push({ resolve, reject });
      waiters.set(code, list);
    });
  }

  private async readResolveBatch(atDate: string, batch: ResolveBatch): Promise<void> {
    try {
      const codes = [...batch.waiters.keys()];
      const rows = await this.units.find({ where: { code: In(codes), validFrom: LessThanOrEqual(atDate) }, order: { validFrom: 'DESC' } });
      const inForce = inForceByCode(rows, atDate);
      for (const [code, waiters] of batch.waiters) {
        const unit = inForce.get(code) ?? null;
        // Misses are not kept: a code asked for before its tree is loaded must be found right after.
        if (unit) this.resolved.set(`${code}@${atDate}`, unit, batch.stamp);
        for (const w of waiters) w.resolve(unit);
      }
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      for (const waiters of batch.waiters.values()) for (const w of waiters) w.reject(error);
    }
  }

  /** Drops every cached unit answer; the loader calls it after each load. */
  forget(): void {
    for (const cache of [this.resolved, this.ancestorLists, this.families, this.communeCounts]) cache.clear();
    // A read begun before the load is not handed to a caller after it.
    this.familyReads.clear();
  }

  /**
   * A unit and its direct children, cached briefly: rollups ask for the same family on every pass,
   * and a tree changes only when an administrator loads it. Keyed by code and date (codes are reused).
   */
  async familyOf(code: string, atDate?: string): Promise<UnitFamily | null> {
    const key = `${code}@${atDate ?? ''}`;
    const hit = this.families.get(key);
    if (hit) return hit;
    // Misses arriving together (a worker's concurrent jobs of one province) read once.
    const pending = this.familyReads.get(key);
    if (pending) return pending;
    const read = (async () => {
      const stamp = this.families.stamp();
      const unit = await this.resolve(code, atDate);
      if (!unit) return null;
      const value = { unit, children: await this.children(unit) };
      this.families.set(key, value, stamp);
      return value;
    })();
    this.familyReads.set(key, read);
    try {
      return await read;
    } finally {
      if (this.familyReads.get(key) === read) this.familyReads.delete(key);
    }
  }

  /**
   * familyOf for many units at once, cached the same way: the misses are read in two queries (the units,
   * then all their children), not two per unit. A national recompute asks for every district's family in
   * every worker process; one by one that was two fifths of its statements.
   */
  async familiesOf(codes: string[], atDate?: string): Promise<Map<string, UnitFamily>> {
    const out = new Map<string, UnitFamily>();
    const keyOf = (code: string) => `${code}@${atDate ?? ''}`;
    const missing: string[] = [];
    const waits: Array<Promise<void>> = [];
    for (const code of new Set(codes)) {
      const hit = this.families.get(keyOf(code));
      const pending = hit ? undefined : this.familyReads.get(keyOf(code));
      if (hit) out.set(code, hit);
      else if (pending) waits.push(pending.then((f) => void (f && out.set(code, f))));
      else missing.push(code);
    }
    if (missing.length > 0) {
      const load = this.loadFamilies(missing, atDate);
      // Sibling jobs running together ask for the same families: they share this read.
      for (const code of missing) {
        const key = keyOf(code);
        const one = load.then((m) => m.get(code) ?? null);
        one.catch(() => undefined);
        this.familyReads.set(key, one);
        void one.finally(() => this.familyReads.get(key) === one && this.familyReads.delete(key)).catch(() => undefined);
      }
      for (const [code, f] of await load) out.set(code, f);
    }
    await Promise.all(waits);
    return out;
  }

  private async loadFamilies(codes: string[], atDate?: string): Promise<Map<string, UnitFamily>> {
    const out = new Map<string, UnitFamily>();
    const stamp = this.families.stamp();
    const resolvedStamp = this.resolved.stamp();
    const d = atDate ?? todayInVietnam();
    const rows = await this.units.find({ where: { code: In(codes), validFrom: LessThanOrEqual(d) }, order: { validFrom: 'DESC' } });
    const inForce = inForceByCode(rows, d);
    const units: AdminUnit[] = [];
    for (const code of codes) {
      const unit = inForce.get(code);
      if (!unit) continue;
      units.push(unit);
      // resolve's answer too (the same row): a later lookup of the code, a kick's or an access check's, reads nothing.
      this.resolved.set(`${code}@${d}`, unit, resolvedStamp);
    }
    if (units.length === 0) return out;
    const kids = await this.units.find({ where: { parentCode: In(units.map((u) => u.code)), tree: In([...new Set(units.map((u) => u.tree))]) }, order: { code: 'ASC' } });
    const kidsOf = new Map<string, AdminUnit[]>();
    for (const k of kids) {
      const key = `${k.tree}:${k.parentCode}`;
      const list = kidsOf.get(key);
      if (list) list.push(k);
      else kidsOf.set(key, [k]);
    }
    for (const unit of units) {
      const value = { unit, children: kidsOf.get(`${unit.tree}:${unit.code}`) ?? [] };
      this.families.set(`${unit.code}@${atDate ?? ''}`, value, stamp);
      out.set(unit.code, value);
    }
    return out;
  }

  /**
   * The provinces of the tree in force on `atDate`, by code; failing that (a database holding only an
   * older tree), those of the latest tree that started before it — the rule `resolve` applies to one code.
   */
  async provincesAt(atDate: string): Promise<AdminUnit[]> {
    const rows = await this.units
      .createQueryBuilder('u')
      .where('u.level = :l', { l: 'province' })
      .andWhere('u.validFrom <= :d', { d: atDate })
      .orderBy('u.validFrom', 'DESC')
      .addOrderBy('u.code', 'ASC')
      .getMany();
    const inForce = rows.filter((u) => u.validTo === null || u.validTo >= atDate);
    const tree = inForce[0]?.tree ?? rows[0]?.tree;
    return (inForce.length > 0 ? inForce : rows.filter((u) => u.tree === tree)).sort((a, b) => Number(a.code) - Number(b.code));
  }

  /** How many communes lie under a unit (1 for a commune), cached like familyOf. */
  async communeCount(unit: AdminUnit): Promise<number> {
    if (unit.level === 'commune') return 1;
    const key = `${unit.code}@${unit.tree}`;
    const hit = this.communeCounts.get(key);
    if (hit !== undefined) return hit;
    const stamp = this.communeCounts.stamp();
    const value = await this.subtreeQuery(unit).andWhere('u.level = :l', { l: 'commune' }).getCount();
    this.communeCounts.set(key, value, stamp);
    return value;
  }

  findByCode(code: string, atDate?: string): Promise<AdminUnit | null> {
    return this.resolve(code, atDate);
  }

  async getOrThrow(code: string, atDate?: string): Promise<AdminUnit> {
    if (atDate !== undefined && !isIsoDate(atDate)) {
      throw badRequest('at', `Ngày "${atDate}" không hợp lệ (định dạng YYYY-MM-DD).`, `"${atDate}" is not a date (YYYY-MM-DD).`);
    }
    const unit = /^\d{1,10}$/.test(code) ? await this.resolve(code, atDate) : null;
    if (!unit) {
      const when = atDate ? ` vào ngày ${atDate}` : '';
      throw notFound(`Không tìm thấy đơn vị hành chính có mã "${code}"${when}.`, `No administrative unit with code "${code}"${atDate ? ` on ${atDate}` : ''}.`, 'unitCode');
    }
    return unit;
  }

  /**
   * True when `unit` lies in the caller's subtree (administrators see everything): the bound of every
   * grant of the shared access policy to a unit-bound role (own, child, descendant), told by its relationOf.
   */
  canAccess(user: AuthUser, unit: Pick<AdminUnit, 'code' | 'path' | 'parentCode' | 'level'>): boolean {
    return user.unitPath === null || relationOf(user, unit) !== 'outside';
  }

  /**
   * The unit valid at `atDate` (default today), if it exists (404) and lies in the caller's subtree (403).
   * The route's own action was decided by the access guard; services resolving a unit for an action use
   * AccessPolicyService.getFor instead.
   */
  async getAccessible(user: AuthUser, code: string, atDate?: string): Promise<AdminUnit> {
    const unit = await this.getOrThrow(code, atDate);
    if (!this.canAccess(user, unit)) throw forbidden();
    return unit;
  }

  /**
   * Units of the tree in force on `atDate` whose name or code contains `term` (case-insensitive for ASCII; MySQL's
   * collation also ignores accents), highest levels first, with each one's parent for namesakes: the
   * administrators' unit picker. 400 for a term under 2 characters (every commune would match).
   */
  async search(term: string, atDate: string = todayInVietnam(), limit = 20): Promise<{ unit: AdminUnit; parentName: string | null }[]> {
    const q = term.trim();
    if (q.length < 2) throw badRequest('q', 'Nhập ít nhất 2 ký tự của tên hoặc mã đơn vị.', 'Type at least 2 characters of a unit name or code.');
    // The tree in force on the date (or the latest loaded before it, as `resolve` falls back to).
    const current = await this.units.findOne({ where: { validFrom: LessThanOrEqual(atDate) }, order: { validFrom: 'DESC' } });
    if (!current) return [];
    // '!' escapes LIKE's wildcards: a backslash means different things to MySQL and SQLite.
    const like = `%${q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const rows = await this.units
      .createQueryBuilder('u')
      .where("(u.name LIKE :like ESCAPE '!' OR u.code LIKE :like ESCAPE '!')", { like })
      .andWhere('u.tree = :tree AND u.validFrom <= :d', { tree: current.tree, d: atDate })
      .orderBy('u.depth', 'ASC')
      .addOrderBy('u.code', 'ASC')
      .take(limit)
      .getMany();
    const parentCodes = [...new Set(rows.map((u) => u.parentCode).filter((c): c is string => !!c))];
    const parents = parentCodes.length ? await this.units.find({ where: { code: In(parentCodes) } }) : [];
    const parentName = (u: AdminUnit) => parents.find((p) => p.code === u.parentCode && p.tree === u.tree)?.name ?? null;
    return rows.map((unit) => ({ unit, parentName: parentName(unit) }));
  }

  /** The children of a unit, in its own tree; a code is resolved at `atDate` (default today) first. */
  async children(parent: string | AdminUnit, atDate?: string): Promise<AdminUnit[]> {
    const unit = typeof parent === 'string' ? await this.resolve(parent, atDate) : parent;
    if (!unit) return [];
    return this.units.find({ where: { parentCode: unit.code, tree: unit.tree }, order: { code: 'ASC' } });
  }

  /** Leaf units (communes) in a subtree of the unit's own tree, the unit itself included when it is one. */
  communesUnder(unit: AdminUnit): Promise<AdminUnit[]> {
    if (unit.level === 'commune') return Promise.resolve([unit]);
    return this.subtreeQuery(unit).andWhere('u.level = :l', { l: 'commune' }).orderBy('u.code', 'ASC').getMany();
  }

  /** Every unit of the subtree (the unit included), never crossing into another tree. */
  subtree(unit: AdminUnit): Promise<AdminUnit[]> {
    return this.subtreeQuery(unit).orderBy('u.path', 'ASC').getMany();
  }

  /** The unit's ancestors, root first, cached like `resolve` (a report read wants them for its document defaults). */
  async ancestors(unit: AdminUnit): Promise<AdminUnit[]> {
    const codes = unit.path.split('/').filter(Boolean).slice(0, -1);
    if (codes.length === 0) return [];
    const key = `${unit.tree}:${unit.path}`;
    const hit = this.ancestorLists.get(key);
    if (hit) return hit;
    const stamp = this.ancestorLists.stamp();
    const rows = await this.units.find({ where: { code: In(codes), tree: unit.tree } });
    const value = codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is AdminUnit => !!r);
    this.ancestorLists.set(key, value, stamp);
    return value;
  }

  private subtreeQuery(unit: AdminUnit) {
    // /46/ prefixes both Thừa Thiên Huế (2024) and Thành phố Huế (2025): the tree keeps them apart.
    return this.units.createQueryBuilder('u').where('u.tree = :t', { t: unit.tree }).andWhere('u.path LIKE :p', { p: `${unit.path}%` });
  }
}
